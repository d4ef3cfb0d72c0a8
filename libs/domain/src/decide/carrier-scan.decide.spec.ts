import { TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { decideCarrierScan } from './carrier-scan.decide';
import {
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inspect,
  payAllRefunds,
} from './decide-scenario.testing';

describe('carrier scans', () => {
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
});
