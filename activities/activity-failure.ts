import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { IntegrationError } from '../libs/integrations/src';

/** How often an activity waiting on an external system tells Temporal it is alive. */
export const HEARTBEAT_INTERVAL_MS = 1000;

/**
 * Runs one call to an external system inside an activity: it heartbeats while the call is under way
 * (so a worker that dies is noticed within the heartbeat timeout, not the whole start-to-close one),
 * the activity's cancellation aborts the HTTP call, retryable integration errors are rethrown for
 * Temporal to retry, and business refusals become non-retryable failures whose type is the refusal's
 * code (the workflow branches on it).
 */
export async function callExternal<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const alive = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await call(context.cancellationSignal);
  } catch (error) {
    if (error instanceof IntegrationError && !error.retryable) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, {
        system: error.system,
        ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      });
    }
    throw error;
  } finally {
    clearInterval(alive);
  }
}
