import { z } from 'zod';
import { CARRIER_SCANS, CarrierScan } from '../shipment.events';
import { idSchema, isoTimestampSchema } from '../case.request';
import { CaseState, commandKey, hasApplied, ReturnShipmentStatus } from '../case.state';
import { SYSTEM_ACTOR } from '../case.types';
import { addDuration, parseIsoDuration } from '../duration';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { clocksOf } from './due';
import { Emitter } from './emitter';
import { nextRefundIds, refundLeft } from './refund-amounts';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/carrier/events` (routed to the case owning the tracking number). */
export const carrierScanSchema = lazySchema(() =>
  z.object({
    eventId: idSchema,
    trackingNumber: idSchema,
    event: z.enum(CARRIER_SCANS),
    occurredAt: isoTimestampSchema,
  }),
);
/** A carrier scan as the workflow decides it: the body, and (v1.1) when the API received it. */
const carrierScanCommandSchema = carrierScanSchema.extend({ receivedAt: isoTimestampSchema.optional() });
/** A carrier scan; `receivedAt` is the service's clock (absent in scans recorded before v1.1). */
export type CarrierScanCommand = z.infer<typeof carrierScanCommandSchema>;

/** How far a carrier's `occurredAt` may run ahead of the service's clock when the profile does not say. */
export const DEFAULT_SCAN_CLOCK_SKEW = 'PT5M';
/** The risk flag of a scan that came out of order (API.md `riskFlags`). */
export const OUT_OF_ORDER_SCAN = 'OUT_OF_ORDER_SCAN';

// Where the parcel was before each scan that would be out of order.
const OUT_OF_ORDER_AFTER: Record<CarrierScan, readonly ReturnShipmentStatus[]> = {
  PICKED_UP: ['IN_TRANSIT', 'EXCEPTION', 'DELIVERED'],
  IN_TRANSIT: ['NOT_SHIPPED', 'BOOKED', 'SHIPPED', 'DELIVERED'],
  DELIVERED: ['NOT_SHIPPED', 'BOOKED', 'SHIPPED'],
  EXCEPTION: [],
};

/** Whether `scan` is out of order for a parcel that stands at `status` (DELIVERED without PICKED_UP, a scan behind it). */
export function isOutOfOrderScan(status: ReturnShipmentStatus, scan: CarrierScan): boolean {
  return OUT_OF_ORDER_AFTER[scan].includes(status);
}

/** Whether the carrier dates the scan later than the service's clock plus the profile's allowed skew. */
function isInFuture(state: CaseState, occurredAt: string, receivedAt: string): boolean {
  const skew = parseIsoDuration(state.profile?.scanClockSkew ?? DEFAULT_SCAN_CLOCK_SKEW);
  return Date.parse(occurredAt) > Date.parse(receivedAt) + skew;
}

// A TRUSTED customer's eligible return is refunded when the parcel starts moving (once, before inspection).
function grantFastRefund(out: Emitter, before: CaseState): void {
  if (
    !before.eligibility?.fastRefundEligible ||
    before.fastRefund !== null ||
    before.inspection !== null ||
    before.riskFlags.includes(OUT_OF_ORDER_SCAN) ||
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
 * the inspect-by clock counted from when the API received the scan (never from the carrier's
 * `occurredAt`), EXCEPTION flags the case. A late scan never moves the parcel back; one out of order
 * is recorded and flagged. A scan dated beyond the service's clock plus the skew is refused
 * (`SCAN_IN_FUTURE`). Idempotent on `eventId`.
 */
export function decideCarrierScan(state: CaseState, input: CarrierScanCommand, ctx: DecideContext): Decision {
  const parsed = parseInput(state, carrierScanCommandSchema, input);
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
  const receivedAt = command.receivedAt === undefined ? null : new Date(command.receivedAt).toISOString();
  if (receivedAt !== null && isInFuture(state, command.occurredAt, receivedAt)) {
    return fail(
      state,
      'SCAN_IN_FUTURE',
      `the scan is dated ${command.occurredAt}, after the service's clock`,
      [
        {
          path: 'occurredAt',
          message: 'later than the time the scan was received plus the allowed clock skew',
        },
      ],
    );
  }
  const scannedAt = new Date(command.occurredAt).toISOString();
  const out = new Emitter(state, ctx);
  const arrives =
    command.event === 'DELIVERED' &&
    (state.status === 'AWAITING_RETURN' || state.status === 'RETURN_IN_TRANSIT');
  const outOfOrder = receivedAt !== null && isOutOfOrderScan(shipment.status, command.event);
  out.emit('CARRIER_SCAN_RECORDED', {
    eventId: command.eventId,
    trackingNumber: command.trackingNumber,
    scan: command.event,
    scannedAt,
    inspectBy: arrives ? addDuration(new Date(receivedAt ?? scannedAt), clocks.warehouseInspect) : null,
    ...(receivedAt !== null ? { receivedAt } : {}),
    ...(outOfOrder ? { outOfOrder } : {}),
  });
  if (command.event === 'PICKED_UP' || command.event === 'IN_TRANSIT') grantFastRefund(out, out.state);
  return out.done();
}
