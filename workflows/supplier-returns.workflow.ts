import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { SupplierActivities } from '../activities/supplier.activities';
import { caseWorkflowId, supplierReturnUpdateSignal } from './after-sales-case.definitions';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  supplierBatchId,
  SupplierReturnsInput,
  SupplierReturnUnit,
} from './supplier-returns.definitions';

const { shipSupplierBatch } = proxyActivities<SupplierActivities>({
  startToCloseTimeout: '30 seconds',
  // The call heartbeats while it waits: a worker that dies mid-call is noticed after this.
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Credited batches kept in state (and carried over continue-as-new) so recent credits stay visible. */
const CREDITED_BATCHES_KEPT = 20;

/**
 * One long-running workflow per supplier (`supplier-returns-<supplierId>`): collects defective units
 * (signal-with-start), ships a batch when it holds `maxUnits` or its oldest unit has waited `maxWait`,
 * records the supplier's credit note, tells the cases, and continues as new to keep its history short.
 */
export async function supplierReturnsWorkflow(input: SupplierReturnsInput): Promise<void> {
  const batches: SupplierBatch[] = input.batches ?? [];
  let nextBatchNo = input.nextBatchNo ?? 1;
  const seenUnits = new Set(batches.flatMap((batch) => batch.units.map((unit) => unit.unitId)));

  const openBatch = (): SupplierBatch | undefined => batches.find((batch) => batch.status === 'OPEN');

  setHandler(addSupplierReturnUnitsSignal, (units: SupplierReturnUnit[]) => {
    const fresh = units.filter((unit) => !seenUnits.has(unit.unitId));
    if (fresh.length === 0) return;
    let batch = openBatch();
    if (!batch) {
      batch = {
        batchId: supplierBatchId(input.supplierId, nextBatchNo++),
        supplierId: input.supplierId,
        status: 'OPEN',
        units: [],
        openedAt: new Date().toISOString(),
      };
      batches.push(batch);
    }
    for (const unit of fresh) {
      seenUnits.add(unit.unitId);
      batch.units.push(unit);
    }
  });

  setHandler(supplierBatchesQuery, () => batches);

  setHandler(
    recordSupplierCreditUpdate,
    async (credit) => {
      const batch = batches.find((candidate) => candidate.batchId === credit.batchId) as SupplierBatch;
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
    {
      validator: (credit) => {
        const batch = batches.find((candidate) => candidate.batchId === credit.batchId);
        if (!batch) throw ApplicationFailure.nonRetryable(`unknown batch ${credit.batchId}`, 'NOT_FOUND');
        if (batch.status === 'OPEN') {
          throw ApplicationFailure.nonRetryable(
            `batch ${credit.batchId} has not been shipped`,
            'NOT_ALLOWED_IN_STATE',
            {
              currentStatus: batch.status,
            },
          );
        }
        if (batch.creditNote && batch.creditNote.creditNoteId !== credit.creditNoteId) {
          throw ApplicationFailure.nonRetryable(
            `batch ${credit.batchId} was already credited by ${batch.creditNote.creditNoteId}`,
            'ALREADY_CREDITED',
            { currentStatus: batch.status },
          );
        }
      },
    },
  );

  for (;;) {
    await condition(() => openBatch() !== undefined || workflowInfo().continueAsNewSuggested);
    const batch = openBatch();
    if (batch) {
      const waitedMs = Date.now() - Date.parse(batch.openedAt);
      const full = () => batch.units.length >= input.policy.maxUnits;
      await condition(full, Math.max(input.policy.maxWaitMs - waitedMs, 1));
      await shipSupplierBatch({ supplierId: input.supplierId, batchId: batch.batchId, units: batch.units });
      batch.status = 'SHIPPED';
      batch.shippedAt = new Date().toISOString();
      await tellCases(batch);
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2000) {
      await condition(allHandlersFinished);
      const keep = batches.filter((candidate) => candidate.status !== 'CREDITED');
      const credited = batches
        .filter((candidate) => candidate.status === 'CREDITED')
        .slice(-CREDITED_BATCHES_KEPT);
      await continueAsNew<typeof supplierReturnsWorkflow>({
        supplierId: input.supplierId,
        policy: input.policy,
        nextBatchNo,
        batches: [...credited, ...keep],
      });
    }
  }
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
