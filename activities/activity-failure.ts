import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { IntegrationError } from '../libs/integrations/src';

/**
 * Runs one call to an external system inside an activity: the activity's cancellation aborts the HTTP
 * call, retryable integration errors are rethrown for Temporal to retry, and business refusals become
 * non-retryable failures whose type is the refusal's code (the workflow branches on it).
 */
export async function callExternal<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await call(Context.current().cancellationSignal);
  } catch (error) {
    if (error instanceof IntegrationError && !error.retryable) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, { system: error.system });
    }
    throw error;
  }
}
