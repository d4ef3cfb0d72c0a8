import {
  CustomerNotice,
  InsuranceClaim,
  InsuranceClient,
  Money,
  NotificationClient,
} from '../libs/integrations/src';
import { callExternal } from './activity-failure';

/** Activities that reach the customer: notices and the return-shipping insurance claim. */
export function createCustomerActivities(notification: NotificationClient, insurance: InsuranceClient) {
  return {
    /** Sends the customer a notice about their case (idempotent on the key). */
    async notifyCustomer(input: {
      caseId: string;
      idempotencyKey: string;
      template: string;
      data?: Record<string, unknown>;
    }): Promise<CustomerNotice> {
      return callExternal((signal) => notification.notifyCustomer(input, { signal }));
    },

    /** Files the return-shipping insurance (退货运费险) claim once the carrier has picked up. */
    async fileShippingInsuranceClaim(input: {
      caseId: string;
      idempotencyKey: string;
      trackingNumber?: string;
      amount?: Money;
    }): Promise<InsuranceClaim> {
      return callExternal((signal) => insurance.fileClaim(input, { signal }));
    },
  };
}

/** The customer activities' interface, for the workflow's proxy. */
export type CustomerActivities = ReturnType<typeof createCustomerActivities>;
