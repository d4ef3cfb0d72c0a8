import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ExternalSystemRejectedError } from '../libs/integrations/src';
import { callExternal, HEARTBEAT_INTERVAL_MS } from './activity-failure';

describe('callExternal', () => {
  it('heartbeats while the external call is under way, and stops when it returns', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => beats++);
    const answer = await env.run(() =>
      callExternal(
        () => new Promise((resolve) => setTimeout(() => resolve('paid'), HEARTBEAT_INTERVAL_MS * 2.5)),
      ),
    );
    expect(answer).toBe('paid');
    expect(beats).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_INTERVAL_MS * 1.5));
    expect(beats).toBe(3);
  });

  it("turns a business refusal into a non-retryable failure typed by the refusal's code", async () => {
    const env = new MockActivityEnvironment();
    const refusal = new ExternalSystemRejectedError('ACCOUNT_FROZEN', 'the account is frozen', {
      system: 'refund-system',
      operation: 'createRefund',
    });
    const failure = await env.run(() => callExternal(() => Promise.reject(refusal))).catch((error) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ACCOUNT_FROZEN', nonRetryable: true });
  });
});
