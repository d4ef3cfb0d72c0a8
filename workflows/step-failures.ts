import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { REFUSAL_CODES } from '../libs/domain/src';

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
