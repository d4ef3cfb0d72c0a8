/** How a notice reaches the customer. */
export type NotificationChannel = 'SMS' | 'EMAIL' | 'PUSH' | 'IN_APP';

/** A notice to a customer about their case. */
export interface NotifyCustomerRequest {
  /** Makes a retried notice a no-op; without it a retry may send the notice twice. */
  idempotencyKey?: string;
  caseId: string;
  customerId?: string;
  channel?: NotificationChannel;
  /** What the notice is about, e.g. `CASE_APPROVED`. */
  template: string;
  data?: Record<string, unknown>;
}

/** A notice the notification service accepted. */
export interface CustomerNotice {
  notificationId: string;
  caseId: string;
  channel: NotificationChannel;
  template: string;
  status: 'ACCEPTED';
  acceptedAt: string;
}
