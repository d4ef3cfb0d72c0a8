import { ApplicationFailure } from '@temporalio/common';
import { TrackingBindOutcome, TrackingNumbers } from '../libs/persistence/src';

/** A tracking number to bind to a case: a self-shipped return's, or the one the carrier's pickup booking gave. */
export interface TrackingNumberBinding {
  readonly caseId: string;
  readonly trackingNumber: string;
  readonly carrier: string;
  /**
   * A pickup's number held by another open case is the carrier's error, not the customer's: the call
   * is then refused for good (`TRACKING_NUMBER_IN_USE`, the step waits for ops) instead of answered.
   */
  readonly refuseWhenHeld?: boolean;
}

/** Tracking-number activities (DOMAIN.md "Shipments and receipts are verified"): PostgreSQL, every call idempotent. */
export function createTrackingNumberActivities(dataSource: ConstructorParameters<typeof TrackingNumbers>[0]) {
  const numbers = new TrackingNumbers(dataSource);
  return {
    /** Binds the number to the case (one open case per number, by a unique index): bound, or who holds it. */
    async bindTrackingNumber(input: TrackingNumberBinding): Promise<TrackingBindOutcome> {
      const outcome = await numbers.bind(input.trackingNumber, input.caseId, input.carrier);
      if (!outcome.bound && input.refuseWhenHeld) {
        throw ApplicationFailure.nonRetryable(
          `the carrier's tracking number ${input.trackingNumber} is held by another open case`,
          outcome.code,
          { httpStatus: 409 },
        );
      }
      return outcome;
    },
    /** Releases every number the case holds (it ended); idempotent. */
    async releaseTrackingNumbers(input: { caseId: string }): Promise<number> {
      return numbers.releaseCase(input.caseId);
    },
  };
}

/** The tracking-number activities as the workflow proxies them. */
export type TrackingNumberActivities = ReturnType<typeof createTrackingNumberActivities>;
