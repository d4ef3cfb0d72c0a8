import { WorkflowHandle } from '@temporalio/client';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  supplierReturnsWorkflowId,
  SupplierReturnUnit,
} from '../../workflows/supplier-returns.definitions';
import { recordHistory } from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

// Real Temporal and a sandbox supplier that refuses, answers slowly or breaks its contract.
jest.setTimeout(120_000);

describe('supplier return batches are sealed before they ship, and a refused shipment is kept', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterEach(async () => {
    await stack.sandbox.control.clearFault('supplier');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const unit = (caseId: string): SupplierReturnUnit => ({
    unitId: `${caseId}:sku-1:1`,
    caseId,
    sku: 'sku-1',
    quantity: 1,
    unitCost: { amount: 5000, currency: 'CNY' },
  });

  const startSupplier = (supplierId: string, maxUnits: number, units: SupplierReturnUnit[]) =>
    stack.temporal.workflow.signalWithStart('supplierReturnsWorkflow', {
      workflowId: supplierReturnsWorkflowId(supplierId),
      taskQueue: stack.config.caseTaskQueue,
      args: [{ supplierId, policy: { maxUnits, maxWaitMs: 3_600_000 } }],
      signal: addSupplierReturnUnitsSignal,
      signalArgs: [units],
    });

  const batches = (handle: WorkflowHandle): Promise<SupplierBatch[]> => handle.query(supplierBatchesQuery);

  /** The batch as the sandbox's supplier holds it (the client's answer leaves the units out). */
  async function supplierBatch(
    batchId: string,
  ): Promise<{ batchId: string; units: Array<{ caseId: string }> }> {
    const response = await fetch(`${stack.sandbox.url}/supplier/batches/${encodeURIComponent(batchId)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { batchId: string; units: Array<{ caseId: string }> };
  }

  /** Every batch SHIPPED (or CREDITED), each unit in exactly one, and the supplier holding each batch's units. */
  async function expectAllShipped(handle: WorkflowHandle, unitIds: string[]): Promise<SupplierBatch[]> {
    const all = await batches(handle);
    expect(
      all.map((batch) => batch.status).filter((status) => status === 'OPEN' || status === 'SHIPPING'),
    ).toEqual([]);
    const held = all.flatMap((batch) => batch.units.map((held) => held.unitId));
    expect([...held].sort()).toEqual([...unitIds].sort());
    for (const batch of all) {
      const atSupplier = await supplierBatch(batch.batchId);
      expect(atSupplier.units.map((shipped) => shipped.caseId)).toEqual(
        batch.units.map((held) => held.caseId),
      );
    }
    return all;
  }

  it('puts a unit that arrives while a batch ships into the next batch, which ships and is credited too', async () => {
    // The supplier answers after 1.5 s: long enough to send a unit while the first batch is under way.
    await stack.sandbox.control.setFault('supplier', { latencyMs: 1_500 });
    const handle = await startSupplier(`s-seal-${Date.now()}`, 1, [unit('c-first')]);
    await eventually(async () => expect((await batches(handle))[0]?.status).toBe('SHIPPING'));
    await handle.signal(addSupplierReturnUnitsSignal, [unit('c-late')]);

    await eventually(async () => {
      const all = await expectAllShipped(handle, ['c-first:sku-1:1', 'c-late:sku-1:1']);
      expect(all.map((batch) => batch.units.map((held) => held.caseId))).toEqual([['c-first'], ['c-late']]);
    });
    const [first, second] = await batches(handle);
    expect(second.batchId).not.toBe(first.batchId);
    for (const [n, batch] of [first, second].entries()) {
      const credited = await handle.executeUpdate(recordSupplierCreditUpdate, {
        args: [
          { batchId: batch.batchId, creditNoteId: `cn-${n}`, amount: { amount: 5000, currency: 'CNY' } },
        ],
      });
      expect(credited).toMatchObject({ status: 'CREDITED', units: [{ caseId: batch.units[0].caseId }] });
    }
    await recordHistory(handle, 'supplier-unit-during-shipment');
    await handle.terminate('test over');
  });

  it('keeps refused batches through a supplier outage while units keep arriving, then ships every unit once', async () => {
    await stack.sandbox.control.setFault('supplier', { rejectRate: 1, rejectStatus: 401 });
    const sent: string[] = [];
    /** Two units in one signal: a batch of two is full, so it is sealed and shipped at once. */
    const pair = (n: number) => {
      const units = [unit(`c-${n}a`), unit(`c-${n}b`)];
      sent.push(...units.map((one) => one.unitId));
      return units;
    };
    const handle = await startSupplier(`s-outage-${Date.now()}`, 2, pair(0));
    await eventually(async () => expect((await batches(handle))[0]?.status).toBe('SHIPPING'));
    for (let n = 1; n < 4; n++) {
      await handle.signal(addSupplierReturnUnitsSignal, pair(n));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // Refused for good, so ops see why on the batch; the workflow keeps running and taking units.
    await eventually(async () => {
      const [first] = await batches(handle);
      expect(first).toMatchObject({
        status: 'SHIPPING',
        attempts: expect.any(Number),
        lastError: { code: 'INJECTED_REJECTION', message: expect.stringMatching(/refused/) },
        nextAttemptAt: expect.any(String),
      });
    });
    // Then the supplier takes batches but answers with a body that breaks the contract.
    await stack.sandbox.control.setFault('supplier', { malformedRate: 1 });
    await handle.signal(addSupplierReturnUnitsSignal, pair(4));
    await eventually(async () => {
      const codes = (await batches(handle)).map((batch) => batch.lastError?.code);
      expect(codes).toContain('EXTERNAL_SYSTEM_BAD_RESPONSE');
    });
    await stack.sandbox.control.clearFault('supplier');

    await eventually(async () => {
      const all = await expectAllShipped(handle, sent);
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all.every((batch) => batch.lastError === undefined)).toBe(true);
    }, 60_000);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test over');
  });

  it('never repeats a batch id: not across continue-as-new, not in a new run after the last one ended', async () => {
    const supplierId = `s-ids-${Date.now()}`;
    const handle = await startSupplier(supplierId, 1, [unit('c-a')]);
    await eventually(async () => expect((await batches(handle))[0]?.status).toBe('SHIPPED'));
    const firstRunId = (await handle.describe()).runId;
    // Units sent again add nothing but history: enough of them make the workflow continue as new.
    for (let round = 0; round < 45; round++) {
      await Promise.all(
        Array.from({ length: 50 }, () => handle.signal(addSupplierReturnUnitsSignal, [unit('c-a')])),
      );
    }
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId), 30_000);
    await handle.signal(addSupplierReturnUnitsSignal, [unit('c-b')]);
    await eventually(async () =>
      expect((await batches(handle)).map((batch) => batch.status)).toEqual(['SHIPPED', 'SHIPPED']),
    );
    const carried = await batches(handle);
    await handle.terminate('the supplier workflow ended');

    const again = await startSupplier(supplierId, 1, [unit('c-c')]);
    await eventually(async () => expect((await batches(again))[0]?.status).toBe('SHIPPED'));
    const ids = [...carried, ...(await batches(again))].map((batch) => batch.batchId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const batchId of ids) await expect(supplierBatch(batchId)).resolves.toMatchObject({ batchId });
    await again.terminate('test over');
  });
});
