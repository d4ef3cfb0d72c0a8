import { z } from 'zod';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import { CustomerNotice, NotifyCustomerRequest } from './notification.types';

const noticeResponse: z.ZodType<CustomerNotice> = z.object({
  notificationId: z.string().min(1),
  caseId: z.string(),
  channel: z.enum(['SMS', 'EMAIL', 'PUSH', 'IN_APP']),
  template: z.string(),
  status: z.literal('ACCEPTED'),
  acceptedAt: z.string(),
});

/** Customer notices (SMS, e-mail, push, in-app). */
export class NotificationClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('notify', options);
  }

  /** Sends a notice; with an idempotency key, a repeat is not sent again. */
  notifyCustomer(request: NotifyCustomerRequest, options?: CallOptions): Promise<CustomerNotice> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'notifyCustomer',
        method: 'POST',
        path: '/notifications',
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        body,
        response: noticeResponse,
      },
      options,
    );
  }
}
