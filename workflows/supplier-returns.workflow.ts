import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { SupplierActivities } from '../activities/supplier.activities';
import { caseWorkflowId, supplierReturnUpdateSignal } from './after-sales-case.definitions';
import { SupplierBatches } from './supplier-batches';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  SupplierReturnsInput,
} from './supplier-returns.definitions';

const { shipSupplierBatch } = proxyActivities<SupplierActivities>({
  startToCloseTimeout: '30 seconds',
  // The call heartbeats while it waits: a worker that dies mid-call is noticed after this.
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One long-running workflow per supplier (`supplier-returns-<supplierId>`): collects defective units
 * (signal-with-start), ships a batch when it holds `maxUnits` or its oldest unit has waited `maxWait`,
 * records the supplier's credit note, tells the cases, and continues as new to keep its history short.
 */
export async function supplierReturnsWorkflow(input: SupplierReturnsInput): Promise<void> {
  const batches = new SupplierBatches(input);
  setHandler(addSupplierReturnUnitsSignal, (units) => batches.add(units));
  setHandler(supplierBatchesQuery, () => batches.all);
  setHandler(
    recordSupplierCreditUpdate,
    async (credit) => {
      // The validator made sure the batch exists.
      const batch = batches.find(credit.batchId) as SupplierBatch;
      // The same credit note sent again answers the batch as it stands.
      if (!batch.creditNote) {
        batch.status = 'CREDITED';
        batch.creditNote = {
          creditNoteId: credit.creditNoteId,
          amount: credit.amount,
          recordedAt: new Date().toISOString(),
        };
        await tellCases(batch);
      }
      return batch;
    },
    { validator: (credit) => batches.validateCredit(credit) },
  );

  for (;;) {
    await condition(() => batches.open() !== undefined || workflowInfo().continueAsNewSuggested);
    const batch = batches.open();
    if (batch) await shipWhenDue(batch, input);
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2000) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof supplierReturnsWorkflow>(batches.carryOver());
    }
  }
}

/** Ships the open batch once it is full or its oldest unit has waited long enough, then tells its cases. */
async function shipWhenDue(
  batch: SupplierBatch,
  { supplierId, policy }: SupplierReturnsInput,
): Promise<void> {
  const waitedMs = Date.now() - Date.parse(batch.openedAt);
  const full = () => batch.units.length >= policy.maxUnits;
  await condition(full, Math.max(policy.maxWaitMs - waitedMs, 1));
  await shipSupplierBatch({ supplierId, batchId: batch.batchId, units: batch.units });
  batch.status = 'SHIPPED';
  batch.shippedAt = new Date().toISOString();
  await tellCases(batch);
}

/** Tells every case with units in `batch` where its supplier return stands; a closed case is skipped. */
async function tellCases(batch: SupplierBatch): Promise<void> {
  const caseIds = [...new Set(batch.units.map((unit) => unit.caseId))];
  await Promise.all(
    caseIds.map((caseId) =>
      getExternalWorkflowHandle(caseWorkflowId(caseId))
        .signal(supplierReturnUpdateSignal, {
          batchId: batch.batchId,
          status: batch.status === 'CREDITED' ? 'CREDITED' : 'SHIPPED',
          creditNoteId: batch.creditNote?.creditNoteId,
        })
        .catch(() => undefined),
    ),
  );
}
