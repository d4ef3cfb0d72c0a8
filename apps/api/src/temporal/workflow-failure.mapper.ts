import { HttpStatus } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainErrorCode } from '../../../../libs/domain/src';
import { WorkflowErrorCode } from '../../../../libs/definitions/src';
import { ApiError } from '../common/api-error';

/**
 * The HTTP status of every domain error code (API.md): input errors 400, unknown targets 404, rules
 * that refuse the request whatever the state 422, refusals because of the case's state 409. The
 * Record's type makes a new code without a status a compile error.
 */
export const DOMAIN_ERROR_HTTP_STATUS: Readonly<Record<DomainErrorCode, HttpStatus>> = {
  NOT_ALLOWED_IN_STATE: HttpStatus.CONFLICT,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  OUT_OF_WINDOW: HttpStatus.UNPROCESSABLE_ENTITY,
  NOT_ELIGIBLE: HttpStatus.UNPROCESSABLE_ENTITY,
  AMOUNT_EXCEEDS_PAID: HttpStatus.BAD_REQUEST,
  CURRENCY_MISMATCH: HttpStatus.BAD_REQUEST,
  UNKNOWN_TRACKING_NUMBER: HttpStatus.NOT_FOUND,
  UNKNOWN_ITEM: HttpStatus.BAD_REQUEST,
  UNKNOWN_REFERENCE: HttpStatus.CONFLICT,
  CLOCK_NOT_DUE: HttpStatus.CONFLICT,
  CASE_ALREADY_EXISTS: HttpStatus.CONFLICT,
  SCAN_IN_FUTURE: HttpStatus.BAD_REQUEST,
  TRACKING_NUMBER_IN_USE: HttpStatus.CONFLICT,
};

/** The HTTP status of every failure type the workflows raise themselves. */
export const WORKFLOW_ERROR_HTTP_STATUS: Readonly<Record<WorkflowErrorCode, HttpStatus>> = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ALREADY_CREDITED: HttpStatus.CONFLICT,
};

/** The status of a code: the tables above; a code neither knows is a refusal of the action (409). */
export function httpStatusOfCode(code: string): HttpStatus {
  if (Object.hasOwn(DOMAIN_ERROR_HTTP_STATUS, code)) return DOMAIN_ERROR_HTTP_STATUS[code as DomainErrorCode];
  if (Object.hasOwn(WORKFLOW_ERROR_HTTP_STATUS, code)) {
    return WORKFLOW_ERROR_HTTP_STATUS[code as WorkflowErrorCode];
  }
  return HttpStatus.CONFLICT;
}

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

/** The API error of a domain or workflow code: its status (`httpStatusOfCode`), details as API.md's fields. */
export function domainCodeToApiError(
  code: string,
  message: string,
  currentStatus?: string,
  details?: unknown[],
): ApiError {
  const status = httpStatusOfCode(code);
  const known = currentStatus && currentStatus !== 'NONE' ? currentStatus : undefined;
  return new ApiError(status, code, message, details?.map(asFieldError), known);
}

/** The domain names a failing field `path`; API.md's details name it `field`. */
function asFieldError(detail: unknown): unknown {
  if (typeof detail !== 'object' || detail === null || !('path' in detail)) return detail;
  const { path, ...rest } = detail as { path: unknown };
  return { field: typeof path === 'string' && path !== '' ? path : '(body)', ...rest };
}
