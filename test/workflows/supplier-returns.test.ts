import { WorkflowHandle } from '@temporalio/client';
import {
  addSupplierReturnUnitsSignal,
  recordSupplierCreditUpdate,
  SupplierBatch,
  supplierBatchesQuery,
  supplierReturnsWorkflowId,
  SupplierReturnUnit,
} from '../../workflows/supplier-returns.definitions';
import { startTestStack, TestStack } from '../support/test-stack';
import { eventually } from '../support/eventually';

describe('supplier return (返厂) batching workflow', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const unit = (caseId: string, n = 1): SupplierReturnUnit => ({
    unitId: `${caseId}:sku-1:${n}`,
    caseId,
    sku: 'sku-1',
    quantity: 1,
    unitCost: { amount: 5000, currency: 'CNY' },
  });

  async function startSupplier(
    supplierId: string,
    maxUnits: number,
    maxWaitMs: number,
    units: SupplierReturnUnit[],
  ) {
    return stack.temporal.workflow.signalWithStart('supplierReturnsWorkflow', {
      workflowId: supplierReturnsWorkflowId(supplierId),
      taskQueue: stack.config.caseTaskQueue,
      args: [{ supplierId, policy: { maxUnits, maxWaitMs } }],
      signal: addSupplierReturnUnitsSignal,
      signalArgs: [units],
    });
  }

  const batches = (handle: WorkflowHandle): Promise<SupplierBatch[]> => handle.query(supplierBatchesQuery);

  it('ships a batch as soon as it holds maxUnits units, and counts a re-sent unit once', async () => {
    const supplierId = `s-size-${Date.now()}`;
    const handle = await startSupplier(supplierId, 2, 3_600_000, [unit('c-a')]);
    await handle.signal(addSupplierReturnUnitsSignal, [unit('c-a')]);
    expect((await batches(handle))[0]).toMatchObject({ status: 'OPEN', units: [{ unitId: 'c-a:sku-1:1' }] });

    await handle.signal(addSupplierReturnUnitsSignal, [unit('c-b')]);
    await eventually(async () => expect((await batches(handle))[0].status).toBe('SHIPPED'));
    const [batch] = await batches(handle);
    expect(batch.batchId).toMatch(new RegExp(`^RTV-${supplierId}-1-r[0-9a-f]{8}$`));
    expect(batch.units.map((u) => u.caseId)).toEqual(['c-a', 'c-b']);
    await handle.terminate('test over');
  });

  it('ships a partial batch when its oldest unit has waited maxWait', async () => {
    const handle = await startSupplier(`s-age-${Date.now()}`, 100, 1500, [unit('c-c')]);
    await eventually(async () => expect((await batches(handle))[0].status).toBe('SHIPPED'), 10_000);
    await handle.terminate('test over');
  });

  it('records a credit note once, and refuses a second note or an unknown batch', async () => {
    const supplierId = `s-credit-${Date.now()}`;
    const handle = await startSupplier(supplierId, 1, 3_600_000, [unit('c-d')]);
    await eventually(async () => expect((await batches(handle))[0].status).toBe('SHIPPED'));
    const [{ batchId }] = await batches(handle);
    const credit = { batchId, creditNoteId: 'cn-1', amount: { amount: 5000, currency: 'CNY' } };

    const credited = await handle.executeUpdate(recordSupplierCreditUpdate, { args: [credit] });
    expect(credited).toMatchObject({ status: 'CREDITED', creditNote: { creditNoteId: 'cn-1' } });
    const again = await handle.executeUpdate(recordSupplierCreditUpdate, { args: [credit] });
    expect(again.creditNote?.recordedAt).toBe(credited.creditNote?.recordedAt);

    await expect(
      handle.executeUpdate(recordSupplierCreditUpdate, { args: [{ ...credit, creditNoteId: 'cn-2' }] }),
    ).rejects.toMatchObject({
      cause: { type: 'ALREADY_CREDITED', message: expect.stringMatching(/already credited/) },
    });
    await expect(
      handle.executeUpdate(recordSupplierCreditUpdate, {
        args: [{ ...credit, batchId: `RTV-${supplierId}-9-r00000000` }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'NOT_FOUND' } });
    await handle.terminate('test over');
  });
});
