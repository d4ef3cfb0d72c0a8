import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/workflow';
import { REFUSAL_CODES, StepError } from '../libs/domain/src';

/** The type of a non-retryable failure (an activity's refusal or a domain refusal), if it is one. */
export function failureType(error: unknown): string | undefined {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.nonRetryable
    ? (failure.type ?? undefined)
    : undefined;
}

/** The message of a failure, of the activity's cause when it is an activity failure. */
export function messageOf(error: unknown): string {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof Error ? failure.message : String(error);
}

const REFUSALS: ReadonlySet<string> = new Set(REFUSAL_CODES);

/** Whether the domain refused a system step because the case moved on meanwhile. */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApplicationFailure && REFUSALS.has(error.type ?? '');
}

/** Swallows a domain refusal (the case moved on); anything else is a real failure. */
export function ignoreRefusal(error: unknown): void {
  if (!isRefusal(error)) throw error;
}

/** The code of an outside refusal whose failure names none (retries exhausted, a timeout). */
const STEP_FAILED = 'STEP_FAILED';

/**
 * What an outside system answered when it refused a step's activity for good (a 4xx, a body that
 * breaks the contract, a refusal the domain does not expect), or undefined when the failure is not an
 * activity's: then it is the workflow's own.
 */
export function outsideRefusal(error: unknown): StepError | undefined {
  if (!(error instanceof ActivityFailure)) return undefined;
  const cause = error.cause;
  const httpStatus = cause instanceof ApplicationFailure ? httpStatusOf(cause.details) : undefined;
  return {
    code: (cause instanceof ApplicationFailure ? cause.type : undefined) ?? STEP_FAILED,
    message: messageOf(error),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
}

/** The HTTP status an activity's failure details carry (`{ system, httpStatus }`), if any. */
function httpStatusOf(details: readonly unknown[] | null | undefined): number | undefined {
  const first: unknown = details?.[0];
  if (typeof first !== 'object' || first === null || !('httpStatus' in first)) return undefined;
  return typeof first.httpStatus === 'number' ? first.httpStatus : undefined;
}

/**
 * A failure of the workflow's own code as a plain Error: thrown from the workflow it fails the
 * workflow TASK (retried, so a deploy fix lets the case go on), never the execution.
 */
export function asTaskFailure(error: unknown): Error {
  if (error instanceof TemporalFailure || !(error instanceof Error)) {
    return new Error(`case workflow bug: ${messageOf(error)}`, { cause: error });
  }
  return error;
}
