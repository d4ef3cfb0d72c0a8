import { makeCaseItem, Policy } from '../../libs/domain/src';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  SupplierBatchPolicy,
  supplierReturnsWorkflowId,
  SupplierReturnUnit,
} from '../../workflows/supplier-returns.definitions';
import { freshRequest } from '../support/case-driver';
import { CasePlan, inspectStep, policyWith, scanStep } from './support/case-plans';
import { CaseRun } from './support/case-runner';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import {
  allStarted,
  runFaultScenario,
  SCENARIO_TIMEOUT_MS,
  STACK_START_TIMEOUT_MS,
  waitFor,
} from './support/scenario';

/** The supplier every unit of the scenario goes back to. */
const SUPPLIER_ID = 's-outage';

/** Small batches that ship soon, so several are sealed and refused during the outage. */
const BATCHING: SupplierBatchPolicy = { maxUnits: 3, maxWaitMs: 2_000 };

/** The supplier refuses every batch (401, as after a credential rotation), then answers with broken bodies. */
const REFUSING_MS = 6_000;
const MALFORMED_MS = 4_000;

/** Units of other cases that keep arriving during the outage, one every this many ms. */
const UNIT_EVERY_MS = 250;

/** The case policy: long clocks (as every fault plan) and the scenario's small supplier batches. */
function batchingPolicy(): Policy {
  const base = policyWith();
  const profiles = Object.fromEntries(
    Object.entries(base.profiles).map(([name, profile]) => [
      name,
      { ...profile, supplierReturnBatch: { maxUnits: BATCHING.maxUnits, maxWait: 'PT2S' } },
    ]),
  );
  return { ...base, profiles };
}

/**
 * A no-reason pickup return graded C_DEFECTIVE: refunded in full, its unit goes back to the supplier, and
 * the case ends once the supplier's credit note for its batch is recorded.
 */
function defectiveReturn(n: number): CasePlan {
  // Under the auto-approval limit: approved at once, so the units reach the supplier during the outage.
  const price = { amount: 10_000 + n * 131, currency: 'CNY' };
  return {
    kind: 'graded-C-defective',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: price, supplierId: SUPPLIER_ID })] }),
    policy: batchingPolicy(),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED'), inspectStep('C_DEFECTIVE')],
    expected: { status: 'COMPLETED', refund: price },
  };
}

describe('fault: a supplier outage while units keep arriving', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'supplier-outage' });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const supplierWorkflow = () => stack.client.workflow.getHandle(supplierReturnsWorkflowId(SUPPLIER_ID));
  const batches = (): Promise<SupplierBatch[]> => supplierWorkflow().query(supplierBatchesQuery);

  /** Hands one unit of another case to the supplier's batching, as the case activity does. */
  async function sendUnit(n: number): Promise<string> {
    const unit: SupplierReturnUnit = {
      unitId: `other-${n}:sku-1:1`,
      caseId: `other-${n}`,
      sku: 'sku-1',
      quantity: 1,
      unitCost: { amount: 5_000, currency: 'CNY' },
    };
    await stack.client.workflow.signalWithStart('supplierReturnsWorkflow', {
      workflowId: supplierReturnsWorkflowId(SUPPLIER_ID),
      taskQueue: stack.caseTaskQueue,
      args: [{ supplierId: SUPPLIER_ID, policy: BATCHING }],
      signal: addSupplierReturnUnitsSignal,
      signalArgs: [[unit]],
    });
    return unit.unitId;
  }

  /** Sends a unit every {@link UNIT_EVERY_MS} for `ms`. */
  async function keepSending(ms: number, sent: string[]): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      sent.push(await sendUnit(sent.length + 1));
      await sleep(UNIT_EVERY_MS);
    }
  }

  /** The units in shipped (or credited) batches, each as often as it appears, and what the supplier holds. */
  async function shipped(): Promise<{
    units: string[];
    batches: SupplierBatch[];
    supplierMismatches: number;
  }> {
    const done = (await batches()).filter(
      (batch) => batch.status === 'SHIPPED' || batch.status === 'CREDITED',
    );
    let supplierMismatches = 0;
    for (const batch of done) {
      const response = await fetch(
        `${stack.sandbox.url}/supplier/batches/${encodeURIComponent(batch.batchId)}`,
      );
      const atSupplier = response.ok
        ? ((await response.json()) as { units: Array<{ caseId: string }> })
        : null;
      const same =
        atSupplier?.units.map((unit) => unit.caseId).join() === batch.units.map((unit) => unit.caseId).join();
      if (!same) supplierMismatches += 1;
    }
    return {
      units: done.flatMap((batch) => batch.units.map((unit) => unit.unitId)),
      batches: done,
      supplierMismatches,
    };
  }

  /**
   * Plays the supplier's accounting until `done()`: every shipped batch gets its credit note (the cases
   * wait for it before they end), as the supplier's webhook would record it.
   */
  async function creditShippedBatches(done: () => boolean): Promise<number> {
    let credited = 0;
    while (!done()) {
      for (const batch of await batches().catch(() => [])) {
        if (batch.status !== 'SHIPPED') continue;
        const amount = batch.units.reduce((sum, unit) => sum + unit.quantity * unit.unitCost.amount, 0);
        await supplierWorkflow()
          .executeUpdate(recordSupplierCreditUpdate, {
            args: [
              {
                batchId: batch.batchId,
                creditNoteId: `cn-${batch.batchId}`,
                amount: { amount, currency: 'CNY' },
              },
            ],
          })
          .then(() => (credited += 1))
          .catch(() => undefined);
      }
      await sleep(500);
    }
    return credited;
  }

  async function failedWorkflows(): Promise<number> {
    let failed = 0;
    for await (const execution of stack.client.workflow.list({ query: `ExecutionStatus = 'Failed'` })) {
      if (execution.workflowId) failed += 1;
    }
    return failed;
  }

  it(
    'ships every unit in exactly one batch once the supplier is back, with no workflow failed',
    async () => {
      const other: string[] = [];
      let runs: CaseRun[] = [];
      let stopCrediting = false;
      let crediting: Promise<number> = Promise.resolve(0);
      const { report, details } = await runFaultScenario(stack, {
        name: 'supplier outage while units keep arriving',
        plans: Array.from({ length: 8 }, (_, n) => defectiveReturn(n + 1)),
        ready: async (started) => {
          runs = started;
          if (!(await waitFor(() => allStarted(stack, started), 60_000)))
            throw new Error('the cases did not start');
          process.stderr.write('[supplier-outage] every case started: the supplier goes down\n');
          return {};
        },
        strike: async () => {
          await stack.sandbox.control.setFault('supplier', { rejectRate: 1, rejectStatus: 401 });
          await keepSending(REFUSING_MS, other);
          await stack.sandbox.control.setFault('supplier', { malformedRate: 1 });
          await keepSending(MALFORMED_MS, other);
          const refusedAtRecovery = (await batches()).filter((batch) => batch.lastError !== undefined);
          const injected = (await stack.sandbox.control.faults()).supplier.stats;
          await stack.sandbox.control.clearFault('supplier');
          crediting = creditShippedBatches(() => stopCrediting);
          process.stderr.write(`[supplier-outage] the supplier is back; ${other.length} other units sent\n`);
          return {
            refusedBatchesAtRecovery: refusedAtRecovery.length,
            malformedInjected: injected.malformedInjected,
          };
        },
        after: async () => {
          const sent = [...other, ...runs.map((run) => `${run.caseId}:sku-1:1`)];
          const allIn = async () => {
            const { units } = await shipped();
            return sent.every((unitId) => units.includes(unitId));
          };
          if (!(await waitFor(allIn, 60_000)))
            process.stderr.write('[supplier-outage] units still missing after 60 s\n');
          stopCrediting = true;
          const creditNotes = await crediting;
          const result = await shipped();
          const missing = sent.filter((unitId) => !result.units.includes(unitId));
          return {
            unitsSent: sent.length,
            unitsShipped: new Set(result.units).size,
            missing: missing.length,
            shippedTwice: result.units.length - new Set(result.units).size,
            batches: result.batches.length,
            refusedAttempts: result.batches.reduce((sum, batch) => sum + (batch.attempts ?? 0), 0),
            supplierMismatches: result.supplierMismatches,
            creditNotes,
            failedWorkflows: await failedWorkflows(),
            supplierWorkflow: (await supplierWorkflow().describe()).status.name,
          };
        },
      });
      expect(report.problems).toEqual([]);
      expect(details).toMatchObject({
        missing: 0,
        shippedTwice: 0,
        supplierMismatches: 0,
        failedWorkflows: 0,
        supplierWorkflow: 'RUNNING',
      });
      // The outage did refuse shipments, and every unit sent was among those shipped.
      expect(details.refusedAttempts).toBeGreaterThan(0);
      expect(details.unitsShipped).toBe(details.unitsSent);
      expect(stack.worker?.alive).toBe(true);
    },
    // The scenario's own budget, plus the wait for the last refused batches to ship.
    SCENARIO_TIMEOUT_MS + 60_000,
  );
});
