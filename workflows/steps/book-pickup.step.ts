import { patched } from '@temporalio/workflow';
import { CaseState, SYSTEM_ACTOR } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { failureType, isRefusal } from '../step-failures';
import { bindPickupNumber } from '../tracking-numbers';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Books the carrier's pickup of the return and tells the warehouse what comes back. */
export const bookPickupStep: StepHandler<'BOOK_PICKUP'> = {
  id: 'BOOK_PICKUP',
  kind: 'WORK',
  perform: bookPickup,
};

async function bookPickup({ caseId, run }: StepContext): Promise<StepEnd> {
  const request = run.state.request;
  if (!request?.pickupAddress) throw new Error(`case ${caseId}: PICKUP without a pickup address`);
  const booking = await outside.bookPickup({
    caseId,
    idempotencyKey: pickupBookingKey(caseId, run.state),
    address: request.pickupAddress,
  });
  await bindPickupNumber(caseId, booking);
  try {
    await run.record(
      {
        type: 'PICKUP_BOOKED',
        data: {
          bookingId: booking.bookingId,
          carrier: booking.carrier,
          trackingNumber: booking.trackingNumber,
        },
      },
      SYSTEM_ACTOR,
    );
  } catch (error) {
    if (!isRefusal(error)) throw error;
    await giveBackBooking(booking.bookingId);
    return 'STATE_DECIDES';
  }
  await outside.notifyExpectedReturn({
    caseId,
    idempotencyKey: `${caseId}:expected-return:${booking.bookingId}`,
    trackingNumber: booking.trackingNumber,
    items: request.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
  });
  return 'STATE_DECIDES';
}

/**
 * The booking's idempotency key is per booking action and stable across the step's retries (an ops retry
 * after a refusal, a reset): the first booking of the case, or the one that replaces a cancelled booking.
 * Before this patch the key was the case's version, which a refusal (STEP_REFUSED) and the retry
 * (STEP_RETRIED) move on, so a retried booking whose first answer was lost booked the pickup twice.
 */
export const PICKUP_BOOKING_KEY_PATCH = 'case-pickup-booking-key';

function pickupBookingKey(caseId: string, state: CaseState): string {
  if (!patched(PICKUP_BOOKING_KEY_PATCH)) return `${caseId}:pickup:${state.version}`;
  const replaced = state.returnShipment?.status === 'CANCELLED' ? state.returnShipment.bookingId : null;
  return `${caseId}:pickup:${replaced === null ? 'first' : `after:${replaced}`}`;
}

/** Compensation: the case moved on (cancelled, closed) while the carrier booked, so the booking goes back. */
async function giveBackBooking(bookingId: string): Promise<void> {
  await outside.cancelPickup({ bookingId }).catch((failure: unknown) => {
    // Collected already: the parcel comes back anyway; the warehouse returns it to the customer.
    if (failureType(failure) !== 'PICKUP_ALREADY_COLLECTED') throw failure;
  });
}
