import { CaseView } from '../../libs/domain/src';
import { returnShipmentUpdate } from '../../workflows/after-sales-case.definitions';
import {
  actors,
  deliverReturn,
  freshRequest,
  inspect,
  recordHistory,
  scan,
  startCase,
  viewWhen,
} from '../support/case-driver';
import { startTestStack, TestStack } from '../support/test-stack';

describe('case workflow: the return leg and refunds', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('auto-approves a small no-reason return, books the pickup, and refunds once after an A grade', async () => {
    const request = freshRequest();
    const { caseId, handle } = await startCase(stack, request);

    const delivered = await deliverReturn(handle);
    expect(delivered).toMatchObject({ status: 'AWAITING_INSPECTION', eligibility: { rule: 'NO_REASON_7D' } });
    expect(delivered.deadlines.inspectBy).not.toBeNull();

    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution?.refunds).toEqual([
      expect.objectContaining({ amount: request.items[0].unitPrice, status: 'SUCCEEDED' }),
    ]);
    const ledger = await stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts.map((payout) => payout.amount)).toEqual([request.items[0].unitPrice]);
    // The customer hears of each status the case settled in, once, the last one before the end.
    const notices = (await stack.sandbox.control.notifications(caseId)).map((notice) => notice.template);
    expect(notices).toEqual([
      'CASE_AWAITING_RETURN',
      'CASE_RETURN_IN_TRANSIT',
      'CASE_AWAITING_INSPECTION',
      'CASE_REFUNDING',
      'CASE_COMPLETED',
    ]);
    await recordHistory(handle, 'return-refund-auto-approved');
  });

  it('deducts wear from a no-reason return graded B and refunds the rest', async () => {
    const request = freshRequest();
    const { caseId, handle } = await startCase(stack, request);
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'B_REFURBISH' }]);
    const done = (await handle.result()) as CaseView;
    // 10 % wear on 129.99, rounded in the customer's favour: 12999 - 1299 = 11700.
    expect(done.resolution?.refunds.map((refund) => refund.amount.amount)).toEqual([11700]);
    expect((await stack.sandbox.control.ledger(caseId)).payouts).toHaveLength(1);
  });

  it('refunds in full when the warehouse does not inspect by the inspect-by clock', async () => {
    const { handle } = await startCase(stack, freshRequest());
    await deliverReturn(handle);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');
    expect(done.resolution).toMatchObject({
      kind: 'REFUND',
      refunds: [expect.objectContaining({ status: 'SUCCEEDED' })],
    });
    await recordHistory(handle, 'inspection-timeout-refund');
  });

  it('closes a self-ship case as RETURN_NOT_SHIPPED when the ship-by clock expires', async () => {
    const { handle } = await startCase(
      stack,
      freshRequest({ returnMethod: 'SELF_SHIP', pickupAddress: undefined }),
    );
    const awaiting = await viewWhen(handle, (view) => view.status === 'AWAITING_RETURN');
    expect(awaiting.deadlines.customerShipBy).not.toBeNull();
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'CLOSED', closedReason: 'RETURN_NOT_SHIPPED' });
    await recordHistory(handle, 'self-ship-not-shipped');
  });

  it('takes a self-shipped tracking number and follows its scans', async () => {
    const { handle } = await startCase(
      stack,
      freshRequest({ returnMethod: 'SELF_SHIP', pickupAddress: undefined }),
    );
    await viewWhen(handle, (view) => view.status === 'AWAITING_RETURN');
    const registered = await handle.executeUpdate(returnShipmentUpdate, {
      args: [{ actor: actors.customer, carrier: 'SF', trackingNumber: `SF${Date.now()}` }],
    });
    expect(registered.returnShipment).toMatchObject({ method: 'SELF_SHIP', carrier: 'SF' });
    await scan(handle, registered.returnShipment?.trackingNumber as string, 'DELIVERED');
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    expect(((await handle.result()) as CaseView).status).toBe('COMPLETED');
  });
});
