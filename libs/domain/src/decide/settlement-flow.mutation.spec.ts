import { CaseEvent } from '../case.events';
import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { decideArbitrationRuling } from './arbitration.decide';
import {
  DAY,
  HOUR,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inArbitration,
  inspect,
  payAllRefunds,
} from './decide-scenario.testing';
import { Decision } from './decision';
import { decideEscalate } from './escalation.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decideRefundFailed, decideRefundSucceeded } from './refund.decide';
import { decideRepairFailed, decideRepairStarted } from './repair.decide';

// Rules of the money-moving decide functions (approve, settle, refunds, refund-amounts) that the
// mutation run found unpinned (README "Mutation testing").

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const eventData = <T extends CaseEvent['type']>(decision: Decision, type: T) => {
  const event = expectOk(decision).events.find((candidate) => candidate.type === type);
  if (!event) throw new Error(`no ${type}`);
  return event.data as Extract<CaseEvent, { type: T }>['data'];
};

/** Two SKUs of 90.00 back at the warehouse: sku-1 resellable (refunded, paid), sku-2 damaged by the customer (refused). */
function refusedAfterInspection() {
  const s = approvedPickup({
    items: [makeCaseItem({ unitPrice: cny(9000) }), makeCaseItem({ sku: 'sku-2', unitPrice: cny(9000) })],
  });
  deliverToWarehouse(s);
  expectOk(
    inspect(s, [
      { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' },
      { sku: 'sku-2', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' },
    ]),
  );
  payAllRefunds(s);
  expectOk(
    s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'broken on arrival' }, c), A.customer),
  );
  return s;
}

const merchantApproves = (s: CaseScenario, refundAmount?: { amount: number; currency: string }) =>
  s.run(
    (st, c) =>
      decideMerchantDecision(
        st,
        { decisionId: 'd-9', decision: 'APPROVE', ...(refundAmount ? { refundAmount } : {}) },
        c,
      ),
    A.merchant,
  );

describe('settling a contested inspection', () => {
  it('refunds only the refused units, on top of the refunds so far, as an escalation settlement', () => {
    const s = refusedAfterInspection();
    const approval = merchantApproves(s);
    // The goods are back already: nothing to ship, no ship-by clock.
    expect(eventData(approval, 'CASE_APPROVED')).toMatchObject({
      returnRequired: false,
      customerShipBy: null,
    });
    const settlement = eventData(approval, 'SETTLEMENT_DECIDED');
    expect(settlement.basis).toBe('ESCALATION');
    expect(settlement.lines.map((line) => [line.sku, line.outcome])).toEqual([['sku-2', 'REFUND']]);
    expect(settlement.refundDue).toEqual(cny(9000));
  });

  it('settles as an arbitration when ops rule for the customer', () => {
    const s = refusedAfterInspection();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-9', decision: 'REJECT' }, c), A.merchant),
    );
    const ruling = s.run(
      (st, c) =>
        decideArbitrationRuling(
          st,
          { rulingId: 'r-1', ruling: 'CUSTOMER_FAVOR', note: 'seen the photos' },
          c,
        ),
      A.ops,
    );
    expect(eventData(ruling, 'SETTLEMENT_DECIDED').basis).toBe('ARBITRATION');
  });

  it('caps a partial amount at what is left of the paid total after the earlier refunds', () => {
    expectError(merchantApproves(refusedAfterInspection(), cny(9001)), 'AMOUNT_EXCEEDS_PAID');
    const s = refusedAfterInspection();
    expectOk(merchantApproves(s, cny(9000)));
    expect(s.state.refunds.map((refund) => refund.amount.amount)).toEqual([9000, 9000]);
  });

  it('lets the merchant refund money on an exchange whose inspection refused its units', () => {
    const s = approvedPickup({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' }]));
    expectOk(
      s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'broken on arrival' }, c), A.customer),
    );
    expectOk(merchantApproves(s, cny(4000)));
    expect(s.state.refunds.map((refund) => refund.amount.amount)).toEqual([4000]);
  });
});

describe('the approval a ruling records', () => {
  it('names the ruling and its note, and refunds a ruled amount without return', () => {
    const s = inArbitration();
    const ruling = s.run(
      (st, c) =>
        decideArbitrationRuling(
          st,
          { rulingId: 'r-1', ruling: 'CUSTOMER_FAVOR', refundAmount: cny(10000), note: 'half' },
          c,
        ),
      A.ops,
    );
    expect(eventData(ruling, 'CASE_APPROVED')).toEqual({
      by: 'ARBITRATION',
      rulingId: 'r-1',
      note: 'half',
      refundAmount: cny(10000),
      returnRequired: false,
      customerShipBy: null,
    });
  });
});

describe('the deadlines a settlement sets', () => {
  it('gives a refund a refund-by and nothing to ship or repair', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    const settlement = eventData(
      inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]),
      'SETTLEMENT_DECIDED',
    );
    expect(settlement).toMatchObject({ kind: 'REFUND', replacementShipBy: null, repairBy: null });
    expect(settlement.refundBy).toBe(new Date(s.now.getTime() + 7 * DAY).toISOString());
  });

  it('gives a replacement a ship-by and a repair a repair-by, each without the other', () => {
    const exchange = approvedPickup({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(exchange);
    const replaced = eventData(
      inspect(exchange, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]),
      'SETTLEMENT_DECIDED',
    );
    expect(replaced).toMatchObject({ kind: 'REPLACEMENT', refundBy: null, repairBy: null });
    expect(replaced.replacementShipBy).not.toBeNull();

    const repair = approvedPickup({ type: 'REPAIR', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(repair);
    const repaired = eventData(
      inspect(repair, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]),
      'SETTLEMENT_DECIDED',
    );
    expect(repaired).toMatchObject({ kind: 'REPAIR', refundBy: null, replacementShipBy: null });
    expect(repaired.repairBy).not.toBeNull();
  });
});

describe('defective units going back to their supplier', () => {
  it('queues each defective unit for the supplier of its own SKU, numbered from 1', () => {
    const s = approvedPickup({
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [makeCaseItem(), makeCaseItem({ sku: 'sku-2', supplierId: 's-2', unitPrice: cny(5000) })],
    });
    deliverToWarehouse(s);
    const decision = inspect(s, [
      { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' },
      { sku: 'sku-2', quantity: 1, grade: 'C_DEFECTIVE' },
    ]);
    expect(eventData(decision, 'SUPPLIER_RETURN_QUEUED')).toEqual({
      supplierId: 's-2',
      units: [{ unitId: 'case-1:sku-2:1', sku: 'sku-2', quantity: 1, unitCost: cny(5000) }],
    });
  });

  it('queues them once, at inspection, not again when a repair turns into a refund', () => {
    const s = approvedPickup({ type: 'REPAIR', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
    const queuedBefore = s.events.filter((event) => event.type === 'SUPPLIER_RETURN_QUEUED').length;
    for (const repairId of ['rep-1', 'rep-2']) {
      expectOk(s.run((st, c) => decideRepairStarted(st, { repairId }, c), A.system));
      expectOk(s.run((st, c) => decideRepairFailed(st, { repairId, reason: 'no fix' }, c), A.system));
    }
    expect(s.state.status).toBe('REFUNDING');
    expect(s.events.filter((event) => event.type === 'SUPPLIER_RETURN_QUEUED')).toHaveLength(queuedBefore);
  });
});

describe('a paid refund', () => {
  it("records the refund system's reference, and a second report of it changes nothing", () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    const { refundId } = s.state.refunds[0];
    s.after(HOUR);
    const paid = s.run(
      (st, c) => decideRefundSucceeded(st, { refundId, externalRef: 'bank-42' }, c),
      A.system,
    );
    expect(eventData(paid, 'REFUND_SUCCEEDED')).toEqual({ refundId, externalRef: 'bank-42' });
    expect(s.run((st, c) => decideRefundSucceeded(st, { refundId }, c), A.system)).toEqual({
      ok: true,
      events: [],
      duplicate: true,
    });
  });

  it('answers a failure reported after the refund was paid as a duplicate', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    const { refundId } = s.state.refunds[0];
    expectOk(s.run((st, c) => decideRefundSucceeded(st, { refundId }, c), A.system));
    const late = s.run(
      (st, c) => decideRefundFailed(st, { refundId, errorCode: 'X', message: 'late' }, c),
      A.system,
    );
    expect(late).toEqual({ ok: true, events: [], duplicate: true });
  });
});
