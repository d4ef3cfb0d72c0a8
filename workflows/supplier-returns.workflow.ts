import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { SupplierActivities } from '../activities/supplier.activities';
import { caseWorkflowId, supplierReturnUpdateSignal } from './after-sales-case.definitions';
import { SupplierBatches } from './supplier-batches';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  runTagOf,
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
 * The patch of sealed batches: a batch is sealed before it ships (later units go to the next batch), a
 * refused shipment keeps its batch and is tried again, batch ids carry a run tag. Runs started on the
 * released code keep its behaviour until they continue as new.
 */
const SEALED_BATCHES_PATCH = 'supplier-returns-sealed-batches';

/** The first wait after a shipment the supplier refused for good; doubled after each refusal. */
const FIRST_RETRY_MS = 2_000;

/** The longest wait between two shipments of a refused batch. */
const MAX_RETRY_MS = 5 * 60_000;

/** Events after which the workflow continues as new, even before Temporal suggests it. */
const MAX_HISTORY_LENGTH = 2000;

/**
 * One long-running workflow per supplier (`supplier-returns-<supplierId>`): collects defective units
 * (signal-with-start), ships a batch when it holds `maxUnits` or its oldest unit has waited `maxWait`,
 * records the supplier's credit note, tells the cases, and continues as new to keep its history short.
 */
export async function supplierReturnsWorkflow(input: SupplierReturnsInput): Promise<void> {
  const sealing = patched(SEALED_BATCHES_PATCH);
  const batches = new SupplierBatches(input, sealing ? (input.runTag ?? runTagOf(uuid4())) : undefined);
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
        // A sealed batch credited before its shipment's answer came: the supplier has it.
        batch.shippedAt ??= new Date().toISOString();
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
  if (sealing) await collectAndShipSealed(batches, input);
  else await collectAndShip(batches, input);
}

/** The released loop: ships the open batch when due, and continues as new when the history is long. */
async function collectAndShip(batches: SupplierBatches, input: SupplierReturnsInput): Promise<void> {
  for (;;) {
    await condition(() => batches.open() !== undefined || workflowInfo().continueAsNewSuggested);
    const batch = batches.open();
    if (batch) await shipWhenDue(batch, input);
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_HISTORY_LENGTH) {
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

/**
 * The loop of sealed batches: seals the open batch when due and ships it in the background (units that
 * arrive meanwhile open the next batch), resumes the sealed batches a previous run carried over, and
 * continues as new once no shipment call is under way (a batch waiting to be tried again is carried).
 */
async function collectAndShipSealed(batches: SupplierBatches, input: SupplierReturnsInput): Promise<void> {
  const calls = { underWay: 0 };
  for (const batch of batches.sealed()) void shipSealed(batch, input.supplierId, calls);
  const longHistory = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_HISTORY_LENGTH;
  for (;;) {
    await condition(() => batches.open() !== undefined || longHistory());
    const batch = batches.open();
    if (batch) {
      const waitedMs = Date.now() - Date.parse(batch.openedAt);
      const full = () => batch.units.length >= input.policy.maxUnits;
      await condition(full, Math.max(input.policy.maxWaitMs - waitedMs, 1));
      batches.seal(batch);
      void shipSealed(batch, input.supplierId, calls);
    }
    if (longHistory()) {
      await condition(() => calls.underWay === 0 && allHandlersFinished());
      await continueAsNew<typeof supplierReturnsWorkflow>(batches.carryOver());
    }
  }
}

/**
 * Ships a sealed batch until the supplier takes it: a refusal retrying cannot fix (a 4xx, an answer that
 * breaks the contract) is kept on the batch for ops and tried again after a growing wait (the same batch
 * id and units, so a supplier that did take it answers the same). Then tells the batch's cases. A credit
 * note recorded meanwhile ends the attempts (the supplier has the batch).
 */
async function shipSealed(batch: SupplierBatch, supplierId: string, calls: { underWay: number }) {
  while (batch.status === 'SHIPPING') {
    if (await tryShipping(batch, supplierId, calls)) break;
    await sleep(Date.parse(batch.nextAttemptAt as string) - Date.now());
  }
  delete batch.nextAttemptAt;
  if (batch.status !== 'SHIPPING') return;
  delete batch.lastError;
  batch.status = 'SHIPPED';
  batch.shippedAt = new Date().toISOString();
  await tellCases(batch);
}

/** One shipment of a sealed batch: whether the supplier took it; a refusal is recorded on the batch. */
async function tryShipping(batch: SupplierBatch, supplierId: string, calls: { underWay: number }) {
  calls.underWay += 1;
  try {
    await shipSupplierBatch({ supplierId, batchId: batch.batchId, units: batch.units });
    return true;
  } catch (error) {
    // Anything else is a bug of this code: it fails the workflow task, which is retried.
    if (!(error instanceof ActivityFailure)) throw error;
    batch.attempts = (batch.attempts ?? 0) + 1;
    const waitMs = Math.min(FIRST_RETRY_MS * 2 ** (batch.attempts - 1), MAX_RETRY_MS);
    const cause = error.cause;
    batch.lastError = {
      code: cause instanceof ApplicationFailure ? (cause.type ?? 'REFUSED') : 'REFUSED',
      message: cause?.message ?? error.message,
      at: new Date().toISOString(),
    };
    batch.nextAttemptAt = new Date(Date.now() + waitMs).toISOString();
    return false;
  } finally {
    calls.underWay -= 1;
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
