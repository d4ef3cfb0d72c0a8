import { TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { decidePickupBooked } from './pickup.decide';
import { decideCarrierScan, isOutOfOrderScan } from './carrier-scan.decide';
import {
  DAY,
  HOUR,
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

  const booked = () => {
    const s = approvedPickup();
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
    return s;
  };
  const scan = (
    s: ReturnType<typeof booked>,
    eventId: string,
    event: 'PICKED_UP' | 'DELIVERED',
    occurredAt: Date,
  ) =>
    s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          {
            eventId,
            trackingNumber: 'SF100',
            event,
            occurredAt: occurredAt.toISOString(),
            receivedAt: s.now.toISOString(),
          },
          c,
        ),
      A.carrier,
    );

  it('counts the inspect-by clock from when the API received a back-dated DELIVERED, and flags it out of order', () => {
    const s = booked();
    s.after(HOUR);
    expectOk(scan(s, 'ev-1', 'DELIVERED', new Date(s.now.getTime() - 30 * DAY)));
    expect(s.state.status).toBe('AWAITING_INSPECTION');
    const inspectBy = Date.parse(s.state.deadlines.inspectBy ?? '');
    expect(inspectBy).toBeGreaterThan(s.now.getTime());
    expect(s.state.returnShipment?.lastScanAt).toBe(new Date(s.now.getTime() - 30 * DAY).toISOString());
    expect(s.state.riskFlags).toEqual(['OUT_OF_ORDER_SCAN']);
  });

  it('refuses a scan dated beyond the skew, takes one within it, and records nothing for the refused one', () => {
    const s = booked();
    const before = s.state.version;
    expectError(scan(s, 'ev-1', 'PICKED_UP', new Date(s.now.getTime() + 6 * 60_000)), 'SCAN_IN_FUTURE');
    expect(s.state.version).toBe(before);
    expectOk(scan(s, 'ev-2', 'PICKED_UP', new Date(s.now.getTime() + 4 * 60_000)));
    expect(s.state.riskFlags).toEqual([]);
  });

  it('grants no fast refund on a case whose scans came out of order', () => {
    const s = approvedPickup({
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })],
    });
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
    const inTransit = s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          {
            eventId: 'ev-1',
            trackingNumber: 'SF100',
            event: 'IN_TRANSIT',
            occurredAt: s.now.toISOString(),
            receivedAt: s.now.toISOString(),
          },
          c,
        ),
      A.carrier,
    );
    expect(expectOk(inTransit).events.map((event) => event.type)).toEqual(['CARRIER_SCAN_RECORDED']);
    expect(s.state.fastRefund).toBeNull();
  });

  it('names the scans that are out of order for where the parcel stands', () => {
    expect(isOutOfOrderScan('BOOKED', 'DELIVERED')).toBe(true);
    expect(isOutOfOrderScan('SHIPPED', 'IN_TRANSIT')).toBe(true);
    expect(isOutOfOrderScan('DELIVERED', 'PICKED_UP')).toBe(true);
    expect(isOutOfOrderScan('PICKED_UP', 'DELIVERED')).toBe(false);
    expect(isOutOfOrderScan('BOOKED', 'PICKED_UP')).toBe(false);
    expect(isOutOfOrderScan('BOOKED', 'EXCEPTION')).toBe(false);
  });
});
