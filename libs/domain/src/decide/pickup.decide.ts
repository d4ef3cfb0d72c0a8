import { CaseState } from '../case.state';
import { DecideContext, Decision, duplicate, fail, notAllowed } from './decision';
import { Emitter } from './emitter';

/** A pickup the carrier booked for the return. */
export interface PickupBookedCommand {
  bookingId: string;
  carrier: string;
  trackingNumber: string;
}

/** A booked pickup that was cancelled, and why. */
export interface PickupCancelledCommand {
  bookingId: string;
  reason: string;
}

/** A pickup was booked with a carrier. Allowed in AWAITING_RETURN of a PICKUP case; idempotent on `bookingId`. */
export function decidePickupBooked(
  state: CaseState,
  command: PickupBookedCommand,
  ctx: DecideContext,
): Decision {
  if (state.returnShipment?.bookingId === command.bookingId) return duplicate();
  if (state.status !== 'AWAITING_RETURN' || state.request?.returnMethod !== 'PICKUP')
    return notAllowed(state, 'booking a pickup');
  if (
    state.returnShipment &&
    state.returnShipment.status !== 'NOT_SHIPPED' &&
    state.returnShipment.status !== 'CANCELLED'
  ) {
    return notAllowed(state, 'booking a second pickup');
  }
  const out = new Emitter(state, ctx);
  out.emit('PICKUP_BOOKED', { ...command });
  return out.done();
}

/** The pickup booking was cancelled (compensation after a cancellation or a closed case). Idempotent. */
export function decidePickupCancelled(
  state: CaseState,
  command: PickupCancelledCommand,
  ctx: DecideContext,
): Decision {
  const shipment = state.returnShipment;
  if (!shipment || shipment.bookingId !== command.bookingId)
    return fail(state, 'UNKNOWN_REFERENCE', `no booking ${command.bookingId}`);
  if (shipment.status === 'CANCELLED') return duplicate();
  if (shipment.status !== 'BOOKED') return notAllowed(state, 'cancelling a pickup that has been picked up');
  const out = new Emitter(state, ctx);
  out.emit('PICKUP_CANCELLED', { ...command });
  return out.done();
}
