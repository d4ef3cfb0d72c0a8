import { Client } from '@temporalio/client';
import type { SupplierReturnsInbox } from '../../../activities/supplier-returns.inbox';
import {
  addSupplierReturnUnitsSignal,
  supplierReturnsWorkflowId,
} from '../../../workflows/supplier-returns.definitions';

/** The activities' supplier-returns inbox: signal-with-start of the supplier's batching workflow. */
export function supplierReturnsInbox(temporal: Client): SupplierReturnsInbox {
  return {
    async add({ supplierId, policy, units, taskQueue }) {
      await temporal.workflow.signalWithStart('supplierReturnsWorkflow', {
        workflowId: supplierReturnsWorkflowId(supplierId),
        taskQueue,
        args: [{ supplierId, policy }],
        signal: addSupplierReturnUnitsSignal,
        signalArgs: [units],
      });
    },
  };
}
