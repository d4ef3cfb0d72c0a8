import { ApplicationFailure } from '@temporalio/common';
import { Repair, RepairCentreClient } from '../libs/integrations/src';
import { callExternal } from './activity-failure';

/** Error type thrown while a repair is still in the repair centre; retried by Temporal with backoff. */
export const REPAIR_IN_PROGRESS = 'REPAIR_IN_PROGRESS';

/** Repair-centre activities. */
export function createRepairActivities(repairCentre: RepairCentreClient) {
  return {
    /** Sends a unit to the repair centre (idempotent on the attempt's key). */
    async openRepair(input: {
      caseId: string;
      idempotencyKey: string;
      sku: string;
      faultDescription?: string;
    }): Promise<Repair> {
      return callExternal((signal) => repairCentre.openRepair(input, { signal }));
    },

    /**
     * Returns the repair's outcome once it is known; while it is in progress it fails retryably, so
     * Temporal polls it with the retry policy's backoff and the workflow's repair clock bounds it.
     */
    async awaitRepairOutcome(input: { repairId: string }): Promise<Repair> {
      const repair = await callExternal((signal) => repairCentre.getRepair(input.repairId, { signal }));
      if (repair.status === 'IN_PROGRESS') {
        throw ApplicationFailure.retryable(
          `repair ${repair.repairId} is still in progress`,
          REPAIR_IN_PROGRESS,
        );
      }
      return repair;
    },
  };
}

/** The repair activities' interface, for the workflow's proxy. */
export type RepairActivities = ReturnType<typeof createRepairActivities>;
