import { z } from 'zod';
import { CARRIER_SCANS } from '../case.events';
import { idSchema, isoTimestampSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { SYSTEM_ACTOR } from '../case.types';
import { addDuration } from '../duration';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { clocksOf } from './due';
import { Emitter } from './emitter';
import { nextRefundIds, refundLeft } from './refund-amounts';

/** The body of `POST /v1/carrier/events` (routed to the case owning the tracking number). */
export const carrierScanSchema = z.object({
  eventId: idSchema,
  trackingNumber: idSchema,
  event: z.enum(CARRIER_SCANS),
  occurredAt: isoTimestampSchema,
});
/** A carrier scan. */
export type CarrierScanCommand = z.infer<typeof carrierScanSchema>;

// A TRUSTED customer's eligible return is refunded when the parcel starts moving (once, before inspection).
function grantFastRefund(out: Emitter, before: CaseState): void {
  if (
    !before.eligibility?.fastRefundEligible ||
    before.fastRefund !== null ||
    before.inspection !== null ||
    out.state.status !== 'RETURN_IN_TRANSIT'
  ) {
    return;
  }
  const left = refundLeft(out.state);
  const cap = before.approval?.refundCap;
  const amount = { amount: Math.min(left.amount, cap ? cap.amount : left.amount), currency: left.currency };
  if (amount.amount <= 0) return;
  const ids = nextRefundIds(out.state);
  out.emit('FAST_REFUND_GRANTED', { refundId: ids.refundId, amount }, SYSTEM_ACTOR);
  out.emit('REFUND_REQUESTED', { ...ids, amount, purpose: 'FAST_REFUND' }, SYSTEM_ACTOR);
}

/**
 * Records a carrier scan of the return parcel: PICKED_UP/IN_TRANSIT move the case to
 * RETURN_IN_TRANSIT (and grant the fast refund when eligible), DELIVERED to AWAITING_INSPECTION with
 * the inspect-by clock counted from the scan, EXCEPTION flags the case. A late scan never moves the
 * parcel back. Idempotent on `eventId`.
 */
export function decideCarrierScan(state: CaseState, input: CarrierScanCommand, ctx: DecideContext): Decision {
  const parsed = parseInput(state, carrierScanSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.carrierEvent(command.eventId))) return duplicate();
  const shipment = state.returnShipment;
  const clocks = clocksOf(state);
  if (!shipment || !clocks || shipment.trackingNumber === null)
    return notAllowed(state, 'a carrier scan before the return ships');
  if (shipment.trackingNumber !== command.trackingNumber) {
    return fail(
      state,
      'UNKNOWN_TRACKING_NUMBER',
      `tracking number ${command.trackingNumber} is not this case's`,
    );
  }
  const scannedAt = new Date(command.occurredAt).toISOString();
  const out = new Emitter(state, ctx);
  const arrives =
    command.event === 'DELIVERED' &&
    (state.status === 'AWAITING_RETURN' || state.status === 'RETURN_IN_TRANSIT');
  out.emit('CARRIER_SCAN_RECORDED', {
    eventId: command.eventId,
    trackingNumber: command.trackingNumber,
    scan: command.event,
    scannedAt,
    inspectBy: arrives ? addDuration(new Date(scannedAt), clocks.warehouseInspect) : null,
  });
  if (command.event === 'PICKED_UP' || command.event === 'IN_TRANSIT') grantFastRefund(out, state);
  return out.done();
}
