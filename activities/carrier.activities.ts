import { CarrierClient, PickupBooking, PostalAddress } from '../libs/integrations/src';
import { callExternal } from './activity-failure';

/** Doorstep pickup (上门取件) activities. */
export function createCarrierActivities(carrier: CarrierClient) {
  return {
    /** Books a pickup of the return at the customer's address; idempotent on the case's booking key. */
    async bookPickup(input: {
      caseId: string;
      idempotencyKey: string;
      address: PostalAddress;
    }): Promise<PickupBooking> {
      return callExternal((signal) => carrier.bookPickup(input, { signal }));
    },

    /** Compensation of `bookPickup`: cancels the booking (a refusal after collection fails non-retryably). */
    async cancelPickup(input: { bookingId: string }): Promise<PickupBooking> {
      return callExternal((signal) => carrier.cancelPickup(input.bookingId, { signal }));
    },
  };
}

/** The carrier activities' interface, for the workflow's proxy. */
export type CarrierActivities = ReturnType<typeof createCarrierActivities>;
