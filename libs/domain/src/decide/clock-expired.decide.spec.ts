import { nextSteps } from '../case.next-steps';
import { TEST_ACTORS as A } from '../case.scenario.testing';
import { toCaseView } from '../case.view';
import { decideClockExpired } from './clock-expired.decide';
import {
  DAY,
  HOUR,
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  reviewed,
  typesOf,
} from './decide-scenario.testing';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';

describe('the clocks', () => {
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
    expect(nextSteps(s.state)).toEqual([
      { kind: 'SYSTEM', step: 'CANCEL_PICKUP', ref: { bookingId: 'b-1' } },
    ]);
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

  it('closes a rejected case when the escalation window of 15 days passes', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    s.after(15 * DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'ESCALATION_WINDOW' }, c), A.system));
    expect(s.state).toMatchObject({ status: 'CLOSED', closedReason: 'ESCALATION_WINDOW_EXPIRED' });
  });
});
