import { nextSteps } from '../case.next-steps';
import { TEST_ACTORS as A } from '../case.scenario.testing';
import { decideCancel } from './cancel.decide';
import { approvedPickup, deliverToWarehouse, expectError, expectOk } from './decide-scenario.testing';
import { decidePickupBooked } from './pickup.decide';

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
    expect(nextSteps(s.state)).toEqual([
      { kind: 'SYSTEM', step: 'CANCEL_PICKUP', ref: { bookingId: 'b-1' } },
    ]);
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
