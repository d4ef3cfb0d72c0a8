import { StoredEvent } from './stored-event.types';

/**
 * What the service-quality projection needs to know of a domain event; the mapping from the
 * domain's event types to these facts lives in `service-quality.classifier.ts`.
 */
export type ServiceQualityFact =
  /** A case was opened against `merchantId`. */
  | { kind: 'REQUESTED'; merchantId: string }
  /** The merchant answered the request (approve or reject) for the first time. */
  | { kind: 'MERCHANT_RESPONDED' }
  /** Nobody answered within the merchant response clock: approved by the timer. */
  | { kind: 'APPROVED_BY_TIMEOUT' }
  /** Approved by policy at request time: no merchant response is due. */
  | { kind: 'AUTO_APPROVED' }
  /** The customer escalated the case. */
  | { kind: 'ESCALATED' }
  /** The case ended (completed or closed). */
  | { kind: 'RESOLVED' }
  /** From now on a refund is owed by `dueBy` (ISO 8601). */
  | { kind: 'REFUND_DUE'; dueBy: string }
  /** A refund was paid (succeeded). */
  | { kind: 'REFUND_PAID' }
  /** The domain itself flagged a refund as late. */
  | { kind: 'REFUND_LATE' };

/** Maps a stored event to the service-quality fact it carries, or null when it carries none. */
export type ServiceQualityClassifier = (event: StoredEvent) => ServiceQualityFact | null;
