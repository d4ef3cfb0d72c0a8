import { WorkflowHandle } from '@temporalio/client';
import { CaseRequest, CaseView, makeCaseItem, makeTestPolicy, Money, Policy } from '../../libs/domain/src';
import { deliverReturn, freshRequest, inspect, startCase } from '../support/case-driver';
import { startTestStack, TestStack } from '../support/test-stack';

/** The refund fault: 30 % of calls answer 503, 20 % do the work but answer after the client gave up. */
const REFUND_FAULT = { failureRate: 0.3, timeoutRate: 0.2, timeoutHangMs: 2_500, seed: 2026 };

describe('case workflow: refunds through a faulty refund system', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ sandbox: { faults: { refund: REFUND_FAULT } } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Roomy clocks before inspection; the inspect-by clock short only where the test lets it expire. */
  const policy = (warehouseInspect: string): Policy =>
    makeTestPolicy({ allProfiles: { clocks: { customerShip: 'PT60S', warehouseInspect } } });

  const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

  interface Scenario {
    name: string;
    request: CaseRequest;
    policy: Policy;
    expected: Money;
    drive(handle: WorkflowHandle): Promise<void>;
  }

  /** An auto-approved no-reason pickup return, graded A: refunded in full after inspection. */
  const gradedA = (n: number): Scenario => {
    const price = cny(10_000 + n * 1_001);
    return {
      name: `graded-A-${n}`,
      request: freshRequest({ items: [makeCaseItem({ unitPrice: price })] }),
      policy: policy('PT60S'),
      expected: price,
      drive: async (handle) => {
        await deliverReturn(handle);
        await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
      },
    };
  };

  /** An auto-approved return the warehouse never inspects: refunded in full when the inspect-by clock expires. */
  const inspectTimeout = (n: number): Scenario => {
    const price = cny(9_000 + n * 777);
    return {
      name: `inspect-timeout-${n}`,
      request: freshRequest({ items: [makeCaseItem({ unitPrice: price })] }),
      policy: policy('PT3S'),
      expected: price,
      drive: async (handle) => {
        await deliverReturn(handle);
      },
    };
  };

  /** A fresh-food REFUND_ONLY claim with a photo: auto-approved and refunded without any return. */
  const freshClaim = (n: number): Scenario => {
    const price = cny(3_000 + n * 513);
    const quantity = 1 + (n % 2);
    return {
      name: `fresh-claim-${n}`,
      request: freshRequest({
        type: 'REFUND_ONLY',
        reason: 'SPOILED',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ sku: 'sku-fresh', category: 'FRESH', quantity, unitPrice: price })],
        evidence: [{ kind: 'PHOTO', url: `https://img.example/spoiled-${n}.jpg` }],
      }),
      policy: policy('PT60S'),
      expected: cny(price.amount * quantity),
      drive: async () => undefined,
    };
  };

  it('pays every one of 12 concurrent cases exactly once, although the refund system fails and times out', async () => {
    const scenarios: Scenario[] = [0, 1, 2, 3].flatMap((n) => [gradedA(n), inspectTimeout(n), freshClaim(n)]);

    const outcomes = await Promise.all(
      scenarios.map(async (scenario) => {
        const { caseId, handle } = await startCase(stack, scenario.request, scenario.policy);
        await scenario.drive(handle);
        const view = (await handle.result()) as CaseView;
        return { scenario, caseId, view };
      }),
    );

    for (const { scenario, caseId, view } of outcomes) {
      const label = `${scenario.name} (${caseId})`;
      expect({ label, status: view.status }).toEqual({ label, status: 'COMPLETED' });
      expect({ label, refunds: view.resolution?.refunds }).toEqual({
        label,
        refunds: [expect.objectContaining({ amount: scenario.expected, status: 'SUCCEEDED' })],
      });
      const ledger = await stack.sandbox.control.ledger(caseId);
      expect({ label, payouts: ledger.payouts.map((payout) => payout.amount) }).toEqual({
        label,
        payouts: [scenario.expected],
      });
    }

    // The faults did fire, and every retry they caused was absorbed by the idempotency key.
    const { refund } = await stack.sandbox.control.faults();
    expect(refund.stats.failuresInjected).toBeGreaterThan(0);
    expect(refund.stats.timeoutsInjected).toBeGreaterThan(0);
    const ledger = await stack.sandbox.control.ledger();
    expect(ledger.payouts).toHaveLength(scenarios.length);
    expect(ledger.counters.refundsCreated).toBe(scenarios.length);
    expect(ledger.counters.callsReceived).toBeGreaterThan(scenarios.length);
    // A call that timed out had already paid: its retry must come back as an absorbed duplicate.
    expect(ledger.counters.duplicatesAbsorbed).toBeGreaterThanOrEqual(refund.stats.timeoutsInjected);
    expect(ledger.counters.conflictsRejected).toBe(0);
  }, 90_000);
});
