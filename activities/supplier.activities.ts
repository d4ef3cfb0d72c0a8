import { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { SupplierBatchAck, SupplierClient } from '../libs/integrations/src';
import {
  addSupplierReturnUnitsSignal,
  SupplierBatchPolicy,
  supplierReturnsWorkflowId,
  SupplierReturnUnit,
} from '../workflows/supplier-returns.definitions';
import { callExternal } from './activity-failure';

/** Supplier-return (返厂) activities. */
export function createSupplierActivities(supplier: SupplierClient, temporal: Client) {
  return {
    /**
     * Hands defective units to their supplier's batching workflow, starting it if needed
     * (signal-with-start); units carry ids, so a retried call adds nothing twice.
     */
    async queueSupplierReturn(input: {
      supplierId: string;
      policy: SupplierBatchPolicy;
      units: SupplierReturnUnit[];
    }): Promise<void> {
      await temporal.workflow.signalWithStart('supplierReturnsWorkflow', {
        workflowId: supplierReturnsWorkflowId(input.supplierId),
        taskQueue: Context.current().info.taskQueue,
        args: [{ supplierId: input.supplierId, policy: input.policy }],
        signal: addSupplierReturnUnitsSignal,
        signalArgs: [input.units],
      });
    },

    /** Ships a batch to the supplier (idempotent on the batch id). */
    async shipSupplierBatch(input: {
      supplierId: string;
      batchId: string;
      units: SupplierReturnUnit[];
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
