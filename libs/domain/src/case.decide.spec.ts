import {
  Decision,
  decideArbitrationRuling,
  decideCancel,
  decideCarrierScan,
  decideClockExpired,
  decideEscalate,
  decideInspection,
  decideMerchantDecision,
  decidePickupBooked,
  decidePickupCancelled,
  decideRefundFailed,
  decideRefundRetry,
  decideRefundSucceeded,
  decideRegisterReturnShipment,
  decideRepairCompleted,
  decideRepairFailed,
  decideRepairStarted,
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
  decideRequestCase,
  decideSupplierReturnCredited,
  decideSupplierReturnShipped,
  decideInsuranceClaimFiled,
  decideOpsAction,
} from './case.decide';
import { nextSteps } from './case.next-steps';
import { CaseScenario, TEST_ACTORS as A } from './case.scenario.testing';
import { initialCaseState } from './case.state';
import { makeCaseItem, makeCaseRequest } from './case.testing';
import { Grade } from './case.types';
import { toCaseView } from './case.view';
import { DEFAULT_POLICY } from './policy.default';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-11-05T02:00:00.000Z');

const expectOk = (decision: Decision) => {
  if (!decision.ok)
    throw new Error(`expected success, got ${decision.error.code}: ${decision.error.message}`);
  return decision;
};
const expectError = (decision: Decision, code: string) => {
  expect(decision.ok).toBe(false);
  if (decision.ok) throw new Error('unreachable');
  expect(decision.error.code).toBe(code);
  return decision.error;
};
const typesOf = (decision: Decision) => (decision.ok ? decision.events.map((event) => event.type) : []);

/** A case approved and awaiting its return (auto-approved no-reason return of 129.99). */
function approvedPickup(overrides: Parameters<typeof makeCaseRequest>[0] = {}) {
  const s = new CaseScenario(T0);
  expectOk(s.open(overrides));
  return s;
}

function deliverToWarehouse(s: CaseScenario) {
  if (s.state.request?.returnMethod === 'PICKUP') {
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
  } else {
    expectOk(
      s.run(
        (st, c) => decideRegisterReturnShipment(st, { carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.customer,
      ),
    );
  }
  s.after(HOUR);
  expectOk(
    s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          { eventId: 'ev-1', trackingNumber: 'SF100', event: 'PICKED_UP', occurredAt: s.now.toISOString() },
          c,
        ),
      A.carrier,
    ),
  );
  s.after(DAY);
  expectOk(
    s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          { eventId: 'ev-2', trackingNumber: 'SF100', event: 'DELIVERED', occurredAt: s.now.toISOString() },
          c,
        ),
      A.carrier,
    ),
  );
}

const inspect = (
  s: CaseScenario,
  items: Array<{ sku: string; quantity: number; grade: Grade }>,
  inspectionId = 'insp-1',
) =>
  s.run(
    (st, c) => decideInspection(st, { inspectionId, warehouseId: 'wh-1', inspector: 'Wang', items }, c),
    A.warehouse,
  );

const payAllRefunds = (s: CaseScenario) => {
  for (const refund of s.state.refunds.filter((r) => r.status === 'PENDING')) {
    expectOk(s.run((st, c) => decideRefundSucceeded(st, { refundId: refund.refundId }, c), A.system));
  }
};

describe('a no-reason return end to end', () => {
  it('auto-approves under the limit, books the pickup, inspects, refunds once and completes', () => {
    const s = approvedPickup();
    expect(s.state.status).toBe('AWAITING_RETURN');
    expect(s.state.approval?.by).toBe('AUTO');
    expect(s.state.deadlines.customerShipBy).toBe(new Date(T0.getTime() + 7 * DAY).toISOString());
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'BOOK_PICKUP' });
    deliverToWarehouse(s);
    expect(s.state.status).toBe('AWAITING_INSPECTION');
    expect(s.state.deadlines.inspectBy).toBe(new Date(s.now.getTime() + 10 * DAY).toISOString());
    const decision = expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(typesOf(decision)).toEqual(['INSPECTION_RECORDED', 'SETTLEMENT_DECIDED', 'REFUND_REQUESTED']);
    expect(s.state.status).toBe('REFUNDING');
    expect(s.state.refunds).toEqual([
      expect.objectContaining({
        refundId: 'case-1-refund-1',
        idempotencyKey: 'case-1:refund:1',
        amount: { amount: 12999, currency: 'CNY' },
      }),
    ]);
    expect(s.state.deadlines.refundBy).toBe(new Date(s.now.getTime() + 7 * DAY).toISOString());
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
    const view = toCaseView(s.state);
    expect(view).toMatchObject({
      caseId: 'case-1',
      status: 'COMPLETED',
      eligibility: { eligible: true, rule: 'NO_REASON_7D', policyVersion: '2026-11-01' },
      returnShipment: { method: 'PICKUP', carrier: 'SF', trackingNumber: 'SF100', status: 'DELIVERED' },
      inspection: { items: [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }] },
      resolution: {
        kind: 'REFUND',
        refunds: [
          { refundId: 'case-1-refund-1', amount: { amount: 12999, currency: 'CNY' }, status: 'SUCCEEDED' },
        ],
      },
      closedReason: null,
      version: s.events.length,
      createdAt: T0.toISOString(),
    });
    expect(nextSteps(s.state)).toEqual([]);
  });

  it('takes the wear deduction from a B unit of a no-reason return, rounded down', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'B_REFURBISH' }]));
    expect(s.state.refunds[0].amount).toEqual({ amount: 12999 - 1299, currency: 'CNY' });
  });

  it('refunds a B unit of a quality return in full', () => {
    const s = approvedPickup({ reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'B_REFURBISH' }]));
    expect(s.state.refunds.at(-1)?.amount.amount).toBe(12999);
  });

  it('queues C units for their supplier and follows the batch to its credit note', () => {
    const s = approvedPickup({
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ quantity: 2 })],
    });
    deliverToWarehouse(s);
    const decision = expectOk(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'C_DEFECTIVE' }]));
    expect(typesOf(decision)).toContain('SUPPLIER_RETURN_QUEUED');
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'SEND_SUPPLIER_RETURN', ref: 's-1' });
    expectOk(s.run((st, c) => decideSupplierReturnShipped(st, { batchId: 'RTV-s-1-1' }, c), A.system));
    expectOk(
      s.run(
        (st, c) => decideSupplierReturnCredited(st, { batchId: 'RTV-s-1-1', creditNoteId: 'cn-1' }, c),
        A.system,
      ),
    );
    expect(toCaseView(s.state).supplierReturn).toEqual({ batchId: 'RTV-s-1-1', status: 'CREDITED' });
  });

  it('claims the return-shipping insurance once the carrier picks up', () => {
    const s = approvedPickup({ shippingInsurance: true });
    deliverToWarehouse(s);
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'FILE_INSURANCE_CLAIM' });
    expectOk(s.run((st, c) => decideInsuranceClaimFiled(st, { claimId: 'ins-1' }, c), A.system));
    expect(nextSteps(s.state)).not.toContainEqual({ kind: 'SYSTEM', step: 'FILE_INSURANCE_CLAIM' });
  });
});

describe('the merchant and the clocks', () => {
  const reviewed = () => {
    const s = new CaseScenario(T0);
    expectOk(s.open({ items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })] }));
    return s;
  };

  it('waits 48 h for the merchant, then auto-approves by timeout', () => {
    const s = reviewed();
    expect(s.state.status).toBe('PENDING_MERCHANT_REVIEW');
    const due = new Date(T0.getTime() + 48 * HOUR);
    expect(toCaseView(s.state).deadlines).toMatchObject({
      merchantRespondBy: due.toISOString(),
      customerShipBy: null,
      inspectBy: null,
    });
    s.at(new Date(due.getTime() - 1));
    expectError(
      s.run((st, c) => decideClockExpired(st, { clock: 'MERCHANT_RESPONSE' }, c), A.system),
      'CLOCK_NOT_DUE',
    );
    s.at(due);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'MERCHANT_RESPONSE' }, c), A.system));
    expect(s.state).toMatchObject({ status: 'AWAITING_RETURN', approval: { by: 'TIMEOUT' } });
    expect(s.state.deadlines.merchantRespondBy).toBeNull();
  });

  it('closes the case when the customer does not ship within 7 days, and cancels the booked pickup', () => {
    const s = approvedPickup();
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
    s.after(7 * DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'CUSTOMER_SHIP' }, c), A.system));
    expect(s.state).toMatchObject({ status: 'CLOSED', closedReason: 'RETURN_NOT_SHIPPED' });
    expect(nextSteps(s.state)).toEqual([{ kind: 'SYSTEM', step: 'CANCEL_PICKUP', ref: 'b-1' }]);
    expectOk(
      s.run((st, c) => decidePickupCancelled(st, { bookingId: 'b-1', reason: 'closed' }, c), A.system),
    );
    expect(nextSteps(s.state)).toEqual([]);
  });

  it('refunds in full when the warehouse does not inspect within 10 days', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    s.after(10 * DAY);
    const decision = expectOk(
      s.run((st, c) => decideClockExpired(st, { clock: 'WAREHOUSE_INSPECT' }, c), A.system),
    );
    expect(typesOf(decision)).toEqual(['SETTLEMENT_DECIDED', 'REFUND_REQUESTED']);
    expect(s.state.settlement?.basis).toBe('INSPECTION_TIMEOUT');
    expect(s.state.refunds[0].amount.amount).toBe(12999);
  });

  it('rejects, escalates, opens arbitration when the merchant does not answer in 24 h, and rules for the customer without return', () => {
    const s = reviewed();
    expectOk(
      s.run(
        (st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT', note: 'used' }, c),
        A.merchant,
      ),
    );
    expect(s.state.deadlines.escalateBy).toBe(new Date(T0.getTime() + 15 * DAY).toISOString());
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'it is new' }, c), A.customer));
    expect(s.state.deadlines.merchantAnswerBy).toBe(new Date(T0.getTime() + DAY).toISOString());
    s.after(DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'MERCHANT_ESCALATION_ANSWER' }, c), A.system));
    expect(s.state).toMatchObject({
      status: 'IN_ARBITRATION',
      arbitration: { cause: 'MERCHANT_DID_NOT_ANSWER' },
    });
    const ruling = expectOk(
      s.run(
        (st, c) =>
          decideArbitrationRuling(
            st,
            {
              rulingId: 'r-1',
              ruling: 'CUSTOMER_FAVOR',
              refundAmount: { amount: 10000, currency: 'CNY' },
              note: 'ok',
            },
            c,
          ),
        A.ops,
      ),
    );
    expect(typesOf(ruling)).toEqual([
      'ARBITRATION_RULED',
      'CASE_APPROVED',
      'SETTLEMENT_DECIDED',
      'REFUND_REQUESTED',
    ]);
    expect(s.state.refunds[0].amount.amount).toBe(10000);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });

  it('opens arbitration at once when the merchant maintains the rejection, and closes on a ruling for the merchant', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'REJECT' }, c), A.merchant),
    );
    expect(s.state.arbitration?.cause).toBe('MERCHANT_MAINTAINED_REJECTION');
    expectOk(
      s.run(
        (st, c) =>
          decideArbitrationRuling(st, { rulingId: 'r-1', ruling: 'MERCHANT_FAVOR', note: 'worn' }, c),
        A.ops,
      ),
    );
    expect(s.state).toMatchObject({ status: 'CLOSED', closedReason: 'ARBITRATION_MERCHANT_FAVOR' });
  });

  it('closes a rejected case when the escalation window of 15 days passes', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    s.after(15 * DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'ESCALATION_WINDOW' }, c), A.system));
    expect(s.state).toMatchObject({ status: 'CLOSED', closedReason: 'ESCALATION_WINDOW_EXPIRED' });
  });

  it('lets the merchant settle an escalation by approving it', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state).toMatchObject({ status: 'AWAITING_RETURN', approval: { by: 'MERCHANT' } });
  });

  it('caps the refund at the partial amount the merchant approved', () => {
    const s = reviewed();
    expectOk(
      s.run(
        (st, c) =>
          decideMerchantDecision(
            st,
            { decisionId: 'd-1', decision: 'APPROVE', refundAmount: { amount: 5000, currency: 'CNY' } },
            c,
          ),
        A.merchant,
      ),
    );
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([5000]);
  });

  it('refuses a partial refund above what was paid', () => {
    const s = reviewed();
    const error = expectError(
      s.run(
        (st, c) =>
          decideMerchantDecision(
            st,
            { decisionId: 'd-1', decision: 'APPROVE', refundAmount: { amount: 30001, currency: 'CNY' } },
            c,
          ),
        A.merchant,
      ),
      'AMOUNT_EXCEEDS_PAID',
    );
    expect(error.currentStatus).toBe('PENDING_MERCHANT_REVIEW');
  });

  it('flags the case as stuck when the refund is not paid 7 days after inspection, and retries with the same key', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    const refundId = s.state.refunds[0].refundId;
    expectOk(
      s.run(
        (st, c) => decideRefundFailed(st, { refundId, errorCode: 'ACCOUNT_CLOSED', message: 'closed' }, c),
        A.system,
      ),
    );
    s.after(7 * DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'REFUND_AFTER_INSPECTION' }, c), A.system));
    expect(toCaseView(s.state).flags.map((flag) => flag.kind)).toEqual(['REFUND_FAILED', 'SLA_BREACHED']);
    expectOk(s.run((st, c) => decideRefundRetry(st, { refundId, reason: 'account fixed' }, c), A.ops));
    expect(s.state.refunds).toEqual([
      expect.objectContaining({ refundId, idempotencyKey: 'case-1:refund:1', status: 'PENDING' }),
    ]);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });
});

describe('refused units, fast refunds, exchanges and repairs', () => {
  it('refuses a customer-damaged unit, lets the customer escalate, and refunds it when the merchant settles', () => {
    const s = approvedPickup({
      items: [makeCaseItem({ quantity: 2, unitPrice: { amount: 9000, currency: 'CNY' } })],
    });
    deliverToWarehouse(s);
    expectOk(
      inspect(s, [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' },
        { sku: 'sku-1', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' },
      ]),
    );
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([9000]);
    payAllRefunds(s);
    expect(s.state).toMatchObject({ status: 'REJECTED', rejection: { by: 'INSPECTION' } });
    expectOk(
      s.run(
        (st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'it was broken on arrival' }, c),
        A.customer,
      ),
    );
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-9', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([9000, 9000]);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });

  it('pays a fast refund at pickup and records, not reverses, a refund the grade did not earn', () => {
    const s = approvedPickup({
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })],
    });
    expect(s.state.eligibility?.fastRefundEligible).toBe(true);
    deliverToWarehouse(s);
    expect(s.state.refunds).toEqual([
      expect.objectContaining({ purpose: 'FAST_REFUND', amount: { amount: 30000, currency: 'CNY' } }),
    ]);
    payAllRefunds(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'MISMATCH' }]));
    expect(s.state.settlement).toMatchObject({ refundDue: { amount: 0 }, recoveryDue: { amount: 30000 } });
    expect(s.state.refunds).toHaveLength(1);
    expect(s.state.flags.map((flag) => flag.kind)).toContain('RECOVERY_DUE');
  });

  it('ships a replacement for an exchange, or refunds when there is no stock', () => {
    const exchange = () => {
      const s = approvedPickup({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
      deliverToWarehouse(s);
      expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
      expect(s.state.status).toBe('REPLACING');
      expect(s.state.deadlines.replacementShipBy).toBe(new Date(s.now.getTime() + 72 * HOUR).toISOString());
      return s;
    };
    const shipped = exchange();
    expectOk(shipped.run((st, c) => decideReplacementReserved(st, { reservationId: 'res-1' }, c), A.system));
    expectOk(
      shipped.run(
        (st, c) => decideReplacementShipped(st, { carrier: 'SF', trackingNumber: 'SF200' }, c),
        A.system,
      ),
    );
    expect(shipped.state).toMatchObject({ status: 'COMPLETED', resolution: 'REPLACEMENT' });

    const noStock = exchange();
    expectOk(
      noStock.run((st, c) => decideReplacementUnavailable(st, { reason: 'out of stock' }, c), A.system),
    );
    expect(noStock.state.status).toBe('REFUNDING');
    expect(noStock.state.refunds[0].amount.amount).toBe(12999);
    payAllRefunds(noStock);
    expect(noStock.state).toMatchObject({ status: 'COMPLETED', resolution: 'REFUND' });
  });

  it('turns a repair into a refund after two failures, or when it takes longer than 30 days', () => {
    const repairing = () => {
      const s = approvedPickup({ type: 'REPAIR', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
      deliverToWarehouse(s);
      expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
      expect(s.state.status).toBe('REPAIRING');
      return s;
    };
    const twice = repairing();
    for (const repairId of ['rep-1', 'rep-2']) {
      expectOk(twice.run((st, c) => decideRepairStarted(st, { repairId }, c), A.system));
      expectOk(twice.run((st, c) => decideRepairFailed(st, { repairId, reason: 'no fix' }, c), A.system));
    }
    expect(twice.state).toMatchObject({ status: 'REFUNDING', repair: { status: 'CONVERTED', failures: 2 } });

    const slow = repairing();
    expectOk(slow.run((st, c) => decideRepairStarted(st, { repairId: 'rep-1' }, c), A.system));
    slow.after(30 * DAY);
    expectOk(
      slow.run(
        (st, c) => decideClockExpired(st, { clock: 'REPAIR_DURATION', convertTo: 'EXCHANGE' }, c),
        A.system,
      ),
    );
    expect(slow.state.status).toBe('REPLACING');

    const fixed = repairing();
    expectOk(fixed.run((st, c) => decideRepairStarted(st, { repairId: 'rep-1' }, c), A.system));
    expectOk(fixed.run((st, c) => decideRepairCompleted(st, { repairId: 'rep-1' }, c), A.system));
    expect(fixed.state).toMatchObject({ status: 'COMPLETED', resolution: 'REPAIR' });
  });

  it('refunds a fresh-food claim at once without return', () => {
    const s = new CaseScenario(new Date('2026-11-03T12:00:00Z'));
    expectOk(
      s.open({
        type: 'REFUND_ONLY',
        reason: 'SPOILED',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ category: 'FRESH', unitPrice: { amount: 8800, currency: 'CNY' } })],
        evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
      }),
    );
    expect(s.state).toMatchObject({ status: 'REFUNDING', settlement: { basis: 'FRESH_CLAIM' } });
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });

  it('refunds the price difference of a price-protection claim once approved', () => {
    const s = new CaseScenario(T0);
    expectOk(
      s.open({
        merchantId: 'm-jd-style',
        type: 'PRICE_PROTECTION',
        reason: 'PRICE_DROP',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ quantity: 2 })],
        currentUnitPrice: { amount: 11999, currency: 'CNY' },
      }),
    );
    expect(s.state.status).toBe('PENDING_MERCHANT_REVIEW');
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state.refunds.map((r) => r.amount)).toEqual([{ amount: 2000, currency: 'CNY' }]);
  });
});

describe('cancellation', () => {
  it('cancels before pickup, asks for the booked pickup to be cancelled, and treats a repeat as a no-op', () => {
    const s = approvedPickup();
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
    expectOk(s.run((st, c) => decideCancel(st, {}, c), A.customer));
    expect(s.state.status).toBe('CANCELLED');
    expect(nextSteps(s.state)).toEqual([{ kind: 'SYSTEM', step: 'CANCEL_PICKUP', ref: 'b-1' }]);
    expect(s.run((st, c) => decideCancel(st, {}, c), A.customer)).toEqual({
      ok: true,
      events: [],
      duplicate: true,
    });
  });

  it('refuses to cancel once the carrier picked up', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectError(
      s.run((st, c) => decideCancel(st, {}, c), A.customer),
      'NOT_ALLOWED_IN_STATE',
    );
  });
});

describe('idempotency and errors', () => {
  it('recognises a repeated requestId, decisionId, carrier eventId and inspectionId', () => {
    const s = new CaseScenario(T0);
    const request = makeCaseRequest({
      items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })],
    });
    expectOk(
      s.run(
        (st, c) => decideRequestCase(st, { caseId: 'case-1', request, policy: DEFAULT_POLICY }, c),
        A.customer,
      ),
    );
    expect(
      decideRequestCase(s.state, { caseId: 'case-1', request, policy: DEFAULT_POLICY }, s.ctx(A.customer)),
    ).toMatchObject({ ok: true, duplicate: true });
    expectError(
      decideRequestCase(
        s.state,
        { caseId: 'case-1', request: { ...request, requestId: 'other' }, policy: DEFAULT_POLICY },
        s.ctx(A.customer),
      ),
      'CASE_ALREADY_EXISTS',
    );
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(
      decideMerchantDecision(s.state, { decisionId: 'd-1', decision: 'APPROVE' }, s.ctx(A.merchant)),
    ).toMatchObject({ ok: true, events: [], duplicate: true });
    expectError(
      decideMerchantDecision(s.state, { decisionId: 'd-2', decision: 'APPROVE' }, s.ctx(A.merchant)),
      'NOT_ALLOWED_IN_STATE',
    );
    deliverToWarehouse(s);
    expect(
      decideCarrierScan(
        s.state,
        { eventId: 'ev-2', trackingNumber: 'SF100', event: 'DELIVERED', occurredAt: s.now.toISOString() },
        s.ctx(A.carrier),
      ),
    ).toMatchObject({ duplicate: true });
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' }])).toMatchObject({
      duplicate: true,
    });
    expect(s.state.refunds).toHaveLength(1);
  });

  it('answers NOT_ALLOWED_IN_STATE with the current status', () => {
    const s = approvedPickup();
    const error = expectError(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
      'NOT_ALLOWED_IN_STATE',
    );
    expect(error.currentStatus).toBe('AWAITING_RETURN');
    expectError(
      s.run(
        (st, c) => decideRegisterReturnShipment(st, { carrier: 'SF', trackingNumber: 'X' }, c),
        A.customer,
      ),
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('refuses ineligible requests with OUT_OF_WINDOW or NOT_ELIGIBLE naming the rule, and stores nothing', () => {
    const late = decideRequestCase(
      initialCaseState,
      { caseId: 'c', request: makeCaseRequest(), policy: DEFAULT_POLICY },
      { now: new Date('2026-12-01T00:00:00Z'), actor: A.customer },
    );
    expect(expectError(late, 'OUT_OF_WINDOW').details?.[0].code).toBe('OUT_OF_WINDOW');
    const excluded = decideRequestCase(
      initialCaseState,
      {
        caseId: 'c',
        request: makeCaseRequest({ items: [makeCaseItem({ category: 'CUSTOM' })] }),
        policy: DEFAULT_POLICY,
      },
      { now: T0, actor: A.customer },
    );
    expect(expectError(excluded, 'NOT_ELIGIBLE').details?.[0].code).toBe('EXCLUDED_CATEGORY');
  });

  it('names the failing fields of a malformed or inconsistent request', () => {
    const bad = decideRequestCase(
      initialCaseState,
      {
        caseId: 'c',
        request: {
          ...makeCaseRequest(),
          items: [{ ...makeCaseItem(), quantity: 0.5 }],
          returnMethod: 'NONE',
        },
        policy: DEFAULT_POLICY,
      },
      { now: T0, actor: A.customer },
    );
    expect(expectError(bad, 'VALIDATION_FAILED').details?.map((d) => d.path)).toContain('items.0.quantity');
    const inconsistent = decideRequestCase(
      initialCaseState,
      { caseId: 'c', request: makeCaseRequest({ returnMethod: 'NONE' }), policy: DEFAULT_POLICY },
      { now: T0, actor: A.customer },
    );
    expect(expectError(inconsistent, 'VALIDATION_FAILED').details).toContainEqual(
      expect.objectContaining({ path: 'returnMethod', code: 'RETURN_METHOD_MISMATCH' }),
    );
  });

  it('refuses a scan of another tracking number and an inspection of unknown SKUs or wrong quantities', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectError(
      decideCarrierScan(
        s.state,
        { eventId: 'x', trackingNumber: 'OTHER', event: 'IN_TRANSIT', occurredAt: s.now.toISOString() },
        s.ctx(A.carrier),
      ),
      'UNKNOWN_TRACKING_NUMBER',
    );
    expectError(inspect(s, [{ sku: 'nope', quantity: 1, grade: 'A_RESELLABLE' }]), 'UNKNOWN_ITEM');
    expectError(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'A_RESELLABLE' }]), 'VALIDATION_FAILED');
  });

  it('never throws on garbage input: every decide function returns a value', () => {
    const s = approvedPickup();
    const garbage: unknown[] = [null, undefined, 42, 'x', {}, { decisionId: 5 }, []];
    const ctx = s.ctx(A.customer);
    for (const input of garbage) {
      const anyInput = input as never;
      expect(() => decideMerchantDecision(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideCancel(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideRegisterReturnShipment(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideEscalate(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideArbitrationRuling(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideCarrierScan(s.state, anyInput, ctx)).not.toThrow();
      expect(() => decideInspection(s.state, anyInput, ctx)).not.toThrow();
      expect(() =>
        decideRequestCase(initialCaseState, { caseId: 'c', request: input, policy: DEFAULT_POLICY }, ctx),
      ).not.toThrow();
      expect(decideMerchantDecision(s.state, anyInput, ctx).ok).toBe(false);
    }
    expect(decideOpsAction(s.state, { action: 'NOTE', reason: 'looked' }, s.ctx(A.ops)).ok).toBe(true);
  });
});
