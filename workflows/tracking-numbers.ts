import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { TrackingNumberActivities } from '../activities/tracking-number.activities';
import type { CaseState } from '../libs/domain/src';

/**
 * The patches of verified shipments (DOMAIN.md "Shipments and receipts are verified"): runs recorded
 * before them replay the path they took, runs that are not replaying take the new one.
 */
export const SHIPMENT_PATCHES = {
  /** A tracking number is bound to one open case (self-shipped or the pickup's) and released when the case ends. */
  trackingNumbers: 'tracking-numbers-bound',
  /** Carrier scans are decided at the time the API received them (the update input's `receivedAt`). */
  scanReceivedTime: 'scan-received-time',
} as const;

/** The tracking-number activities: PostgreSQL calls, retried with backoff until they answer. */
const trackingNumbers = proxyActivities<TrackingNumberActivities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    nonRetryableErrorTypes: ['TRACKING_NUMBER_IN_USE'],
  },
});

/**
 * Binds a self-shipped return's number to the case before the registration is recorded: a number
 * another open case holds is refused (`TRACKING_NUMBER_IN_USE`, 409) and nothing is recorded. The
 * unique index decides between two cases registering one number at once. Under the patch only.
 */
export async function bindSelfShipNumber(
  state: CaseState,
  registration: { carrier: string; trackingNumber: string },
): Promise<void> {
  if (!state.caseId || !patched(SHIPMENT_PATCHES.trackingNumbers)) return;
  const outcome = await trackingNumbers.bindTrackingNumber({ caseId: state.caseId, ...registration });
  if (outcome.bound) return;
  throw ApplicationFailure.nonRetryable(
    `tracking number ${registration.trackingNumber} belongs to another open case`,
    outcome.code,
    { currentStatus: state.status ?? 'NONE' },
  );
}

/**
 * Binds the number the carrier's pickup booking gave to the case before the booking is recorded; held
 * by another open case, the activity refuses for good and the step waits for ops. Under the patch only.
 */
export async function bindPickupNumber(
  caseId: string,
  booking: { carrier: string; trackingNumber: string },
): Promise<void> {
  if (!patched(SHIPMENT_PATCHES.trackingNumbers)) return;
  await trackingNumbers.bindTrackingNumber({
    caseId,
    carrier: booking.carrier,
    trackingNumber: booking.trackingNumber,
    refuseWhenHeld: true,
  });
}

/** Releases the numbers an ended case holds, so another case may use them. Under the patch only. */
export async function releaseTrackingNumbers(state: CaseState): Promise<void> {
  if (!state.caseId || !state.returnShipment?.trackingNumber || !patched(SHIPMENT_PATCHES.trackingNumbers)) {
    return;
  }
  await trackingNumbers.releaseTrackingNumbers({ caseId: state.caseId });
}
