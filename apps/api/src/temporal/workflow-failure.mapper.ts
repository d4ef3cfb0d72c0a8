import { HttpStatus } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../common/api-error';

/** Domain codes that mean the input itself is wrong (400); every other rejection is about state (409). */
const INPUT_ERROR_CODES: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'AMOUNT_EXCEEDS_PAID',
  'CURRENCY_MISMATCH',
  'UNKNOWN_ITEM',
]);

/** Domain codes that mean the thing acted on does not exist (404). */
const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'UNKNOWN_BATCH',
  'UNKNOWN_TRACKING_NUMBER',
]);

/** Domain codes of a rule that refuses the request itself, whatever the state (422, libs/domain's convention). */
const NOT_ELIGIBLE_CODES: ReadonlySet<string> = new Set(['OUT_OF_WINDOW', 'NOT_ELIGIBLE']);

/** What the workflows put in a rejection's first detail (after-sales-case.definitions). */
interface RejectionDetail {
  currentStatus?: unknown;
  details?: unknown;
}

/**
 * Maps a rejected or failed update to API.md's errors (see {@link domainCodeToApiError}); undefined
 * for errors that are not an update's answer.
 */
export function updateFailureToApiError(error: unknown): ApiError | undefined {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError(
      HttpStatus.GATEWAY_TIMEOUT,
      'ACTION_TIMEOUT',
      'the case did not answer in time; the action may still be applied, repeat it with the same id',
    );
  }
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const failure = error.cause;
  if (!(failure instanceof ApplicationFailure)) {
    return ApiError.conflict('ACTION_REJECTED', failure?.message ?? error.message);
  }
  return applicationFailureToApiError(failure);
}

/** The API error of a domain refusal carried by an ApplicationFailure (`type` = code, detail 0 = status). */
export function applicationFailureToApiError(failure: ApplicationFailure): ApiError {
  const detail = (failure.details?.[0] ?? {}) as RejectionDetail;
  return domainCodeToApiError(
    failure.type ?? 'ACTION_REJECTED',
    failure.message,
    typeof detail.currentStatus === 'string' ? detail.currentStatus : undefined,
    Array.isArray(detail.details) ? detail.details : undefined,
  );
}

/**
 * The one mapping of domain error codes to HTTP: input errors 400 with their details, unknown
 * targets 404, rules that refuse whatever the state 422, every other refusal 409 naming the status.
 */
export function domainCodeToApiError(
  code: string,
  message: string,
  currentStatus?: string,
  details?: unknown[],
): ApiError {
  const status = INPUT_ERROR_CODES.has(code)
    ? HttpStatus.BAD_REQUEST
    : NOT_ELIGIBLE_CODES.has(code)
      ? HttpStatus.UNPROCESSABLE_ENTITY
      : NOT_FOUND_CODES.has(code)
        ? HttpStatus.NOT_FOUND
        : HttpStatus.CONFLICT;
  const known = currentStatus && currentStatus !== 'NONE' ? currentStatus : undefined;
  return new ApiError(status, code, message, details?.map(asFieldError), known);
}

/** The domain names a failing field `path`; API.md's details name it `field`. */
function asFieldError(detail: unknown): unknown {
  if (typeof detail !== 'object' || detail === null || !('path' in detail)) return detail;
  const { path, ...rest } = detail as { path: unknown };
  return { field: typeof path === 'string' && path !== '' ? path : '(body)', ...rest };
}
