import { Context } from '@temporalio/activity';
import { SupplierBatchAck, SupplierClient } from '../libs/integrations/src';
import { callExternal } from './activity-failure';
import { BatchRule, ReturnedUnit, SupplierReturnsInbox } from './supplier-returns.inbox';

/** Supplier-return (返厂) activities. */
export function createSupplierActivities(supplier: SupplierClient, returns: SupplierReturnsInbox) {
  return {
    /**
     * Hands defective units to their supplier's batching (the worker's inbox starts the
     * supplier's workflow if needed); units carry ids, so a retried call adds nothing twice.
     */
    async queueSupplierReturn(input: {
      supplierId: string;
      policy: BatchRule;
      units: ReturnedUnit[];
    }): Promise<void> {
      await returns.add({ ...input, taskQueue: Context.current().info.taskQueue });
    },

    /** Ships a batch to the supplier (idempotent on the batch id). */
    async shipSupplierBatch(input: {
      supplierId: string;
      batchId: string;
      units: ReturnedUnit[];
    }): Promise<SupplierBatchAck> {
      return callExternal((signal) =>
        supplier.shipBatch(
          {
            supplierId: input.supplierId,
            batchId: input.batchId,
            units: input.units.map((unit) => ({
              caseId: unit.caseId,
              sku: unit.sku,
              quantity: unit.quantity,
              unitCost: unit.unitCost,
            })),
          },
          { signal },
        ),
      );
    },
  };
}

/** The supplier activities' interface, for the workflows' proxies. */
export type SupplierActivities = ReturnType<typeof createSupplierActivities>;
