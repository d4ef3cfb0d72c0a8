import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import { CaseItem, CaseView, makeCaseItem, makeTestPolicy } from '../../libs/domain/src';
import { resolveStepUpdate, retryStepUpdate } from '../../workflows/after-sales-case.definitions';
import {
  actors,
  deliverReturn,
  freshRequest,
  inspect,
  recordHistory,
  startCase,
  viewWhen,
} from '../support/case-driver';
import { startTestStack, TestStack } from '../support/test-stack';

describe('case workflow: a step an outside system refuses waits for ops, the case never fails', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  afterEach(async () => {
    for (const service of ['carrier', 'wms', 'refund'] as const)
      await stack.sandbox.control.clearFault(service);
  });

  /** Clocks roomy enough that only the test moves the case. */
  const roomy = makeTestPolicy({
    allProfiles: { clocks: { customerShip: 'PT90S', warehouseInspect: 'PT90S' } },
  });
  const listed = (view: CaseView, stepKey: string) =>
    view.needsAttention.some((item) => item.stepKey === stepKey);
  const retry = (handle: WorkflowHandle, stepKey: string) =>
    handle.executeUpdate(retryStepUpdate, {
      args: [{ stepKey, reason: 'fault cleared', actor: actors.ops }],
    });
  const workflowStatus = async (handle: WorkflowHandle) => (await handle.describe()).status.name;

  it('lists a pickup the carrier refuses (401) with the status unchanged; retried once cleared, the case completes', async () => {
    await stack.sandbox.control.setFault('carrier', { rejectRate: 1, rejectStatus: 401 });
    const { handle } = await startCase(stack, freshRequest(), roomy);
    const waiting = await viewWhen(handle, (view) => listed(view, 'BOOK_PICKUP:'));
    expect(waiting.status).toBe('AWAITING_RETURN');
    expect(waiting.needsAttention).toEqual([
      {
        stepKey: 'BOOK_PICKUP:',
        step: 'BOOK_PICKUP',
        error: expect.objectContaining({ httpStatus: 401 }),
        since: expect.any(String),
      },
    ]);
    await expect(retry(handle, 'CALL_REFUND:none')).rejects.toMatchObject({
      cause: { type: 'NOT_ALLOWED_IN_STATE', message: expect.stringMatching(/not waiting for ops/) },
    });
    expect(await workflowStatus(handle)).toBe('RUNNING');

    await stack.sandbox.control.clearFault('carrier');
    const retried = await retry(handle, 'BOOK_PICKUP:');
    expect(retried.needsAttention).toEqual([]);
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'COMPLETED', needsAttention: [] });
    await recordHistory(handle, 'pickup-refused-then-retried');
  }, 60_000);

  it('lists a refund whose answer breaks the contract; resolved DONE it is paid and the case completes', async () => {
    await stack.sandbox.control.setFault('refund', { malformedRate: 1 });
    const { caseId, handle } = await startCase(stack, freshRequest(), roomy);
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const waiting = await viewWhen(handle, (view) => view.needsAttention.length > 0);
    const [item] = waiting.needsAttention;
    expect(item).toMatchObject({ step: 'CALL_REFUND', error: { code: 'EXTERNAL_SYSTEM_BAD_RESPONSE' } });
    expect(waiting.status).toBe('REFUNDING');
    expect(waiting.resolution?.refunds).toEqual([expect.objectContaining({ status: 'FAILED' })]);

    await expect(
      handle.executeUpdate(resolveStepUpdate, {
        args: [{ stepKey: item.stepKey, outcome: 'SKIPPED', note: 'not needed', actor: actors.ops }],
      }),
    ).rejects.toMatchObject({
      cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/never skipped/) },
    });
    await handle.executeUpdate(resolveStepUpdate, {
      args: [
        {
          stepKey: item.stepKey,
          outcome: 'DONE',
          externalRef: 'bank-transfer-7',
          note: 'paid by hand',
          actor: actors.ops,
        },
      ],
    });
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'COMPLETED', needsAttention: [] });
    expect(done.resolution?.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    const ledger = await stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts.length).toBeLessThanOrEqual(1);
    await recordHistory(handle, 'refund-malformed-resolved-done');
  }, 60_000);

  it('lists a replacement the warehouse refuses (403); retried once cleared, the replacement ships', async () => {
    const sku = `sku-step-${randomUUID().slice(0, 8)}`;
    await stack.sandbox.control.setStock(sku, 2);
    const { supplierId: _none, ...item } = makeCaseItem({ sku });
    const items: CaseItem[] = [item];
    const { handle } = await startCase(
      stack,
      freshRequest({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED', items }),
      roomy,
    );
    await deliverReturn(handle);
    await stack.sandbox.control.setFault('wms', { rejectRate: 1, rejectStatus: 403 });
    await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
    const waiting = await viewWhen(handle, (view) => listed(view, 'RESERVE_REPLACEMENT:'));
    expect(waiting.status).toBe('REPLACING');
    expect(waiting.needsAttention[0].error.httpStatus).toBe(403);

    await stack.sandbox.control.clearFault('wms');
    await retry(handle, 'RESERVE_REPLACEMENT:');
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'COMPLETED', resolution: { replacement: { status: 'SHIPPED' } } });
    await recordHistory(handle, 'replacement-refused-then-retried');
  }, 60_000);

  it('lets a clock act while a step waits for ops, and a step resolved SKIPPED is not run again', async () => {
    await stack.sandbox.control.setFault('carrier', { rejectRate: 1, rejectStatus: 400 });
    const policy = makeTestPolicy({ allProfiles: { clocks: { customerShip: 'PT10S' } } });
    const waits = await startCase(stack, freshRequest(), policy);
    const skipped = await startCase(stack, freshRequest(), policy);
    await viewWhen(waits.handle, (view) => listed(view, 'BOOK_PICKUP:'));
    await viewWhen(skipped.handle, (view) => listed(view, 'BOOK_PICKUP:'));
    const resolved = await skipped.handle.executeUpdate(resolveStepUpdate, {
      args: [
        {
          stepKey: 'BOOK_PICKUP:',
          outcome: 'SKIPPED',
          note: 'customer brings it to a counter',
          actor: actors.ops,
        },
      ],
    });
    expect(resolved).toMatchObject({ status: 'AWAITING_RETURN', needsAttention: [] });

    // The customer-ships clock closes both cases: the one still waiting for ops too.
    const closedWaiting = (await waits.handle.result()) as CaseView;
    expect(closedWaiting).toMatchObject({ status: 'CLOSED', closedReason: 'RETURN_NOT_SHIPPED' });
    const closedSkipped = (await skipped.handle.result()) as CaseView;
    expect(closedSkipped).toMatchObject({
      status: 'CLOSED',
      closedReason: 'RETURN_NOT_SHIPPED',
      needsAttention: [],
    });
    // The skipped pickup was asked for once, never again.
    expect(closedSkipped.returnShipment).toMatchObject({ bookingId: null, trackingNumber: null });
    expect(await workflowStatus(waits.handle)).toBe('COMPLETED');
    await recordHistory(skipped.handle, 'pickup-refused-skipped-clock-closes');
  }, 60_000);
});
