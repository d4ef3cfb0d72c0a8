/** The external systems Aftersales calls. */
export type ExternalSystemName =
  | 'refund-system'
  | 'insurance'
  | 'carrier'
  | 'wms'
  | 'repair-centre'
  | 'supplier'
  | 'notify'
  | 'order-system';

/** Codes of the errors raised by this library itself (business refusals carry the remote system's code). */
export const INTEGRATION_ERROR_CODES = {
  /** Network error, 5xx, or 429: try again later. */
  unavailable: 'EXTERNAL_SYSTEM_UNAVAILABLE',
  /** No answer within the call's timeout, or a 408: the call may or may not have taken effect. */
  timeout: 'EXTERNAL_SYSTEM_TIMEOUT',
  /** A 4xx that named no code of its own. */
  rejected: 'EXTERNAL_SYSTEM_REJECTED',
  /** A 2xx whose body is not what the contract says. */
  badResponse: 'EXTERNAL_SYSTEM_BAD_RESPONSE',
} as const;

/** Business refusals the played systems answer with, by code; a caller may branch on these. */
export const REJECTION_CODES = {
  outOfStock: 'OUT_OF_STOCK',
  idempotencyConflict: 'IDEMPOTENCY_CONFLICT',
  pickupAlreadyCollected: 'PICKUP_ALREADY_COLLECTED',
  pickupCancelled: 'PICKUP_CANCELLED',
  reservationAlreadyShipped: 'RESERVATION_ALREADY_SHIPPED',
  reservationReleased: 'RESERVATION_RELEASED',
  validationFailed: 'VALIDATION_FAILED',
} as const;

/** Where an error came from, for logs and for the activity layer's failure message. */
export interface IntegrationErrorContext {
  system: ExternalSystemName;
  /** The client operation, e.g. `refund-system.createRefund`. */
  operation: string;
  httpStatus?: number;
  cause?: unknown;
}

/**
 * Every error a client throws. `retryable` tells the activity layer what to do: retryable errors
 * are rethrown for Temporal to retry; the others become non-retryable failures of type `code`.
 */
export abstract class IntegrationError extends Error {
  abstract override readonly name: string;
  abstract readonly retryable: boolean;
  readonly system: ExternalSystemName;
  readonly operation: string;
  readonly httpStatus?: number;

  protected constructor(
    readonly code: string,
    message: string,
    context: IntegrationErrorContext,
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.system = context.system;
    this.operation = context.operation;
    if (context.httpStatus !== undefined) this.httpStatus = context.httpStatus;
  }
}

/** The system could not be reached or was not able to answer (network, 5xx, 408, 429): retry. */
export class ExternalSystemUnavailableError extends IntegrationError {
  override readonly name: string = 'ExternalSystemUnavailableError';
  readonly retryable = true;
  /** From a `Retry-After` header, when the system sent one. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    context: IntegrationErrorContext & { retryAfterMs?: number },
    code: string = INTEGRATION_ERROR_CODES.unavailable,
  ) {
    super(code, message, context);
    if (context.retryAfterMs !== undefined) this.retryAfterMs = context.retryAfterMs;
  }
}

/**
 * No answer in time. Retryable like any outage, but note that the call may have taken effect:
 * a retry must reuse the same idempotency key.
 */
export class ExternalSystemTimeoutError extends ExternalSystemUnavailableError {
  override readonly name: string = 'ExternalSystemTimeoutError';

  constructor(message: string, context: IntegrationErrorContext) {
    super(message, context, INTEGRATION_ERROR_CODES.timeout);
  }
}

/** The system understood the call and refused it (a 4xx such as OUT_OF_STOCK): retrying will not help. */
export class ExternalSystemRejectedError extends IntegrationError {
  override readonly name: string = 'ExternalSystemRejectedError';
  readonly retryable = false;
  /** Field problems the system listed, when it did (validation failures). */
  readonly details?: unknown[];

  constructor(code: string, message: string, context: IntegrationErrorContext & { details?: unknown[] }) {
    super(code, message, context);
    if (context.details !== undefined) this.details = context.details;
  }
}

/**
 * A success answer that breaks the contract (not JSON, missing fields). Not retryable: a contract
 * mismatch does not heal by itself, and someone must look at it.
 */
export class ExternalSystemBadResponseError extends IntegrationError {
  override readonly name: string = 'ExternalSystemBadResponseError';
  readonly retryable = false;

  constructor(message: string, context: IntegrationErrorContext) {
    super(INTEGRATION_ERROR_CODES.badResponse, message, context);
  }
}

/** True for errors a retry may cure; false for integration errors that it will not; false for anything else. */
export function isRetryableIntegrationError(error: unknown): boolean {
  return error instanceof IntegrationError && error.retryable;
}
