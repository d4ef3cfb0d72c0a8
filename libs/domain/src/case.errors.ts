import { CaseStatus } from './case.types';

/** The codes of domain errors; the API maps them to HTTP statuses in one place. */
export const DOMAIN_ERROR_CODES = [
  /** The case's status does not allow the action (HTTP 409). */
  'NOT_ALLOWED_IN_STATE',
  /** The input is malformed or inconsistent (HTTP 400, with the failing fields in `details`). */
  'VALIDATION_FAILED',
  /** The request is past the window of the rule that would apply (HTTP 422). */
  'OUT_OF_WINDOW',
  /** The request is excluded by a rule other than the window, e.g. EXCLUDED_CATEGORY (HTTP 422). */
  'NOT_ELIGIBLE',
  /** A refund amount would take the case's refunds above what was paid (HTTP 400). */
  'AMOUNT_EXCEEDS_PAID',
  /** Amounts of different currencies were mixed (HTTP 400). */
  'CURRENCY_MISMATCH',
  /** A carrier scan names a tracking number that is not this case's (HTTP 404 or 409). */
  'UNKNOWN_TRACKING_NUMBER',
  /** An inspection or command names a SKU the case does not have (HTTP 400). */
  'UNKNOWN_ITEM',
  /** An internal result names a refund, repair, booking or batch the case does not know (workflow bug). */
  'UNKNOWN_REFERENCE',
  /** A clock was reported expired that is not running or not yet due (workflow bug; ignore). */
  'CLOCK_NOT_DUE',
  /** A second request for an existing case with another requestId (HTTP 409). */
  'CASE_ALREADY_EXISTS',
  /** A carrier scan dated later than the service's clock plus the profile's `scanClockSkew` (HTTP 400). */
  'SCAN_IN_FUTURE',
  /** A tracking number another open case holds (HTTP 409). */
  'TRACKING_NUMBER_IN_USE',
] as const;
/** A domain error code. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * The codes with which the domain refuses a system step because the case moved on meanwhile (a clock
 * decided, an action came first): the workflow drops such a step instead of failing.
 */
export const REFUSAL_CODES: readonly DomainErrorCode[] = [
  'NOT_ALLOWED_IN_STATE',
  'CLOCK_NOT_DUE',
  'UNKNOWN_REFERENCE',
];

/** One failing field or reason of a domain error. */
export interface DomainErrorDetail {
  /** Dotted path of the field, e.g. `items.0.quantity`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
  /** A finer code, e.g. the eligibility rule (`EXCLUDED_CATEGORY`) or `RETURN_METHOD_MISMATCH`. */
  readonly code?: string;
}

/** A domain error as a value: decide functions return it, never throw it. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  /** The case's status when the action was refused (null before the case exists). */
  readonly currentStatus: CaseStatus | null;
  readonly details?: readonly DomainErrorDetail[];
}

/** Builds a domain error value. */
export function domainError(
  code: DomainErrorCode,
  message: string,
  currentStatus: CaseStatus | null,
  details?: readonly DomainErrorDetail[],
): DomainError {
  return details && details.length > 0
    ? { code, message, currentStatus, details }
    : { code, message, currentStatus };
}

/** Whether a value is a DomainError (e.g. to tell a decide result's error from its events). */
export function isDomainError(value: unknown): value is DomainError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (DOMAIN_ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}

/** Thrown by `parsePolicy` for a bad policy file; the message names the bad field path. */
export class PolicyValidationError extends Error {
  /** Names the error class. */
  override readonly name = 'PolicyValidationError';
  /** Every problem found, each `path: message`. */
  readonly issues: readonly DomainErrorDetail[];

  /** Builds the error from the problems found (the message lists them all). */
  constructor(issues: readonly DomainErrorDetail[]) {
    super(
      `invalid policy: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
    );
    this.issues = issues;
  }
}
