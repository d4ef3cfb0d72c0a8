import { nextSteps } from '../case.next-steps';
import { toCaseView } from '../case.view';
import {
  DAY,
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  inspect,
  payAllRefunds,
  typesOf,
} from './decide-scenario.testing';

describe('an inspection and its settlement', () => {
  it('auto-approves under the limit, books the pickup, inspects, refunds once and completes', () => {
    const s = approvedPickup();
    expect(s.state.status).toBe('AWAITING_RETURN');
    expect(s.state.approval?.by).toBe('AUTO');
    expect(s.state.deadlines.customerShipBy).toBe(new Date(T0.getTime() + 7 * DAY).toISOString());
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'BOOK_PICKUP', ref: null });
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
});
