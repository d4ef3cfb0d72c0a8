import { TEST_ACTORS as A } from '../case.scenario.testing';
import {
  DAY,
  HOUR,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
} from './decide-scenario.testing';
import { decidePickupBooked } from './pickup.decide';
import { decideWarehouseReceipt } from './warehouse-receipt.decide';

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

const receive = (s: ReturnType<typeof booked>, receiptId = 'rcpt-1', trackingNumber = 'SF100') =>
  s.run(
    (st, c) =>
      decideWarehouseReceipt(
        st,
        { receiptId, warehouseId: 'wh-1', trackingNumber, receivedAt: s.now.toISOString() },
        c,
      ),
    A.warehouse,
  );

describe('warehouse receipts', () => {
  it('moves a case whose DELIVERED never came to inspection, the clock counted from the receipt', () => {
    const s = booked();
    s.after(2 * DAY);
    const decision = expectOk(receive(s));
    expect(decision.events.map((event) => event.type)).toEqual(['WAREHOUSE_RECEIPT_RECORDED']);
    expect(s.state.status).toBe('AWAITING_INSPECTION');
    expect(s.state.deadlines.customerShipBy).toBeNull();
    expect(Date.parse(s.state.deadlines.inspectBy ?? '')).toBeGreaterThan(s.now.getTime());
    expect(s.state.returnShipment?.status).toBe('DELIVERED');
  });

  it('answers a repeated receipt, and one for a case already at inspection, with nothing new', () => {
    const s = booked();
    expectOk(receive(s));
    const version = s.state.version;
    expect(expectOk(receive(s)).duplicate).toBe(true);
    const delivered = approvedPickup();
    deliverToWarehouse(delivered);
    const inspectBy = delivered.state.deadlines.inspectBy;
    delivered.after(HOUR);
    expect(expectOk(receive(delivered, 'rcpt-2')).events).toEqual([]);
    expect(delivered.state.deadlines.inspectBy).toBe(inspectBy);
    expect(s.state.version).toBe(version);
  });

  it("refuses another case's tracking number and a case whose return has not shipped", () => {
    expectError(receive(booked(), 'rcpt-1', 'OTHER'), 'UNKNOWN_TRACKING_NUMBER');
    expectError(receive(approvedPickup()), 'NOT_ALLOWED_IN_STATE');
  });
});
