import { SYSTEM_ACTOR, SystemStepRefs } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { failureType, ignoreRefusal } from '../step-failures';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Compensation of a booked pickup when the case ends before the carrier collects: cancels the booking. */
export const cancelPickupStep: StepHandler<'CANCEL_PICKUP'> = {
  id: 'CANCEL_PICKUP',
  kind: 'WORK',
  perform: cancelPickup,
};

async function cancelPickup(
  { run }: StepContext,
  { bookingId }: SystemStepRefs['CANCEL_PICKUP'],
): Promise<StepEnd> {
  try {
    await outside.cancelPickup({ bookingId });
  } catch (error) {
    // Collected already: the parcel comes back anyway; the warehouse returns it to the customer.
    if (failureType(error) === 'PICKUP_ALREADY_COLLECTED') return 'DONE';
    throw error;
  }
  await run
    .record({ type: 'PICKUP_CANCELLED', data: { bookingId, reason: 'case ended' } }, SYSTEM_ACTOR)
    .catch(ignoreRefusal);
  return 'STATE_DECIDES';
}
