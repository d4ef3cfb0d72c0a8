// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import {
  ExternalSystemRejectedError,
  ExternalSystemTimeoutError,
  ExternalSystemUnavailableError,
  IntegrationError,
} from './integration.errors';
import { integrationsConfigFromEnv } from './integrations.config';
import { RefundSystemClient } from './refund-system.client';
import { CreateRefundRequest, Refund } from './refund-system.types';

describe('RefundSystemClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let refunds: RefundSystemClient;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 20261122 }).listen(0);
    control = new SandboxControlClient(sandbox.url);
    const config = integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url, INTEGRATIONS_TIMEOUT_MS: '2000' });
    refunds = new RefundSystemClient({ baseUrl: config.refundSystemUrl, timeoutMs: config.timeoutMs });
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  const refund = (caseId: string, refundNo = 1, amount = 12_999): CreateRefundRequest => ({
    idempotencyKey: `${caseId}:refund:${refundNo}`,
    caseId,
    refundNo,
    amount: { amount, currency: 'CNY' },
    reason: 'inspection passed',
  });

  it('pays a refund once when the same idempotency key is sent twice', async () => {
    const first = await refunds.createRefund(refund('case-1'));
    const second = await refunds.createRefund(refund('case-1'));

    expect(first.status).toBe('SUCCEEDED');
    expect(second.refundId).toBe(first.refundId);
    const ledger = await control.ledger('case-1');
    expect(ledger.payouts).toHaveLength(1);
    expect(ledger.totals).toEqual([{ amount: 12_999, currency: 'CNY' }]);
    expect(ledger.counters).toMatchObject({ callsReceived: 2, refundsCreated: 1, duplicatesAbsorbed: 1 });
  });

  it('refuses the same key with a different amount as a non-retryable IDEMPOTENCY_CONFLICT', async () => {
    await refunds.createRefund(refund('case-2', 1, 5_000));

    const error = await refunds.createRefund(refund('case-2', 1, 6_000)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', retryable: false, httpStatus: 422 });
    expect((await control.ledger('case-2')).payouts).toHaveLength(1);
  });

  it('still pays exactly one refund per key when 30% of calls fail and every failure is retried', async () => {
    await control.setFault('refund', { failureRate: 0.3, seed: 7 });
    const caseIds = Array.from({ length: 20 }, (_, index) => `case-flaky-${index}`);

    const paid = await Promise.all(
      caseIds.map((caseId) => retryUntilPaid(() => refunds.createRefund(refund(caseId)))),
    );

    const ledger = await control.ledger();
    expect(paid.every((result) => result.status === 'SUCCEEDED')).toBe(true);
    expect(ledger.payouts).toHaveLength(caseIds.length);
    expect(new Set(ledger.payouts.map((payout) => payout.idempotencyKey)).size).toBe(caseIds.length);
    expect((await control.faults()).refund.stats.failuresInjected).toBeGreaterThan(0);
  });

  it('classifies a call that outlives its timeout as retryable, and the retry with the same key finds it paid', async () => {
    await control.setFault('refund', { timeoutRate: 1, timeoutHangMs: 400 });

    const error = await refunds
      .createRefund(refund('case-3'), { timeoutMs: 100 })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemTimeoutError);
    expect(error).toMatchObject({ code: 'EXTERNAL_SYSTEM_TIMEOUT', retryable: true });
    // The refund system did the work before the answer was lost: exactly why the key is reused.
    expect((await control.ledger('case-3')).payouts).toHaveLength(1);
    await control.clearFault('refund');
    const retried = await refunds.createRefund(refund('case-3'));
    expect(retried.status).toBe('SUCCEEDED');
    expect((await control.ledger('case-3')).payouts).toHaveLength(1);
  });

  it('answers 503 while an outage lasts, classified as retryable, and pays once it is cleared', async () => {
    await control.setFault('refund', { failUntilCleared: true });

    const error = await refunds.createRefund(refund('case-4')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect(error).toMatchObject({ code: 'EXTERNAL_SYSTEM_UNAVAILABLE', retryable: true, httpStatus: 503 });
    expect((await control.ledger('case-4')).payouts).toHaveLength(0);
    await control.clearFault('refund');
    await expect(refunds.createRefund(refund('case-4'))).resolves.toMatchObject({ status: 'SUCCEEDED' });
  });

  it('follows an asynchronous refund from PENDING to SUCCEEDED, paying only when it succeeds', async () => {
    await control.setKnobs({ refund: { mode: 'ASYNC', asyncDelayMs: 100 } });

    const pending = await refunds.createRefund(refund('case-5'));
    expect(pending.status).toBe('PENDING');
    expect((await control.ledger('case-5')).payouts).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(refunds.getRefund(pending.refundId)).resolves.toMatchObject({ status: 'SUCCEEDED' });
    expect((await control.ledger('case-5')).payouts).toHaveLength(1);
  });

  it('reports an unknown refund as a non-retryable REFUND_NOT_FOUND', async () => {
    await expect(refunds.getRefund('rf-nope')).rejects.toMatchObject({
      code: 'REFUND_NOT_FOUND',
      retryable: false,
      httpStatus: 404,
    });
  });

  it('reports invalid input as a non-retryable VALIDATION_FAILED with the failing fields', async () => {
    const error = await refunds
      .createRefund({ ...refund('case-6'), amount: { amount: 0, currency: 'yuan' } })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false, httpStatus: 400 });
    const fields = ((error as ExternalSystemRejectedError).details as { field: string }[]).map(
      (d) => d.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['amount.amount', 'amount.currency']));
  });
});

/** What an activity does with Temporal's retry policy, compressed: retry retryable errors, give up on others. */
async function retryUntilPaid(call: () => Promise<Refund>, attempts = 50): Promise<Refund> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof IntegrationError) || !error.retryable || attempt >= attempts) throw error;
    }
  }
}
