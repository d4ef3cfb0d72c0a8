import { WorkflowHandle } from '@temporalio/client';
import { CaseView, makeTestPolicy } from '../../libs/domain/src';
import { retryStepUpdate } from '../../workflows/after-sales-case.definitions';
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

/**
 * The pickup booking's idempotency key is per booking action and stable across retries of the step: a
 * booking the carrier made although its answer was lost (a malformed body) is found again by ops' retry,
 * never booked a second time.
 */
describe('case workflow: a retried pickup booking books the carrier once', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  afterEach(async () => {
    await stack.sandbox.control.clearFault('carrier');
  });

  const roomy = makeTestPolicy({
    allProfiles: { clocks: { customerShip: 'PT90S', warehouseInspect: 'PT90S' } },
  });
  const bookingsOf = (caseId: string) =>
    [...stack.sandbox.instance.state.carrier.pickups.values()].filter((booking) => booking.caseId === caseId);
  const retry = (handle: WorkflowHandle) =>
    handle.executeUpdate(retryStepUpdate, {
      args: [{ stepKey: 'BOOK_PICKUP:', reason: 'carrier answers again', actor: actors.ops }],
    });

  it('retried after a malformed answer, the booking the carrier made is the one the case records', async () => {
    await stack.sandbox.control.setFault('carrier', { malformedRate: 1 });
    const { caseId, handle } = await startCase(stack, freshRequest(), roomy);
    const waiting = await viewWhen(handle, (view) => view.needsAttention.length > 0);
    expect(waiting.needsAttention).toEqual([
      expect.objectContaining({
        stepKey: 'BOOK_PICKUP:',
        error: expect.objectContaining({ code: 'EXTERNAL_SYSTEM_BAD_RESPONSE' }),
      }),
    ]);
    // The carrier did book: only its answer broke the contract.
    const [made] = bookingsOf(caseId);
    expect(bookingsOf(caseId)).toHaveLength(1);

    await stack.sandbox.control.clearFault('carrier');
    const retried = await retry(handle);
    expect(retried.needsAttention).toEqual([]);
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    expect(booked.returnShipment).toMatchObject({
      bookingId: made.bookingId,
      trackingNumber: made.trackingNumber,
    });
    expect(bookingsOf(caseId)).toHaveLength(1);

    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    expect(((await handle.result()) as CaseView).status).toBe('COMPLETED');
    await recordHistory(handle, 'pickup-malformed-retried-booked-once');
  }, 90_000);
});
