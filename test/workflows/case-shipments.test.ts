import { WorkflowUpdateFailedError } from '@temporalio/client';
import { CaseView, makeTestPolicy, TEST_CLOCKS } from '../../libs/domain/src';
import { TrackingNumbers } from '../../libs/persistence/src';
import { returnShipmentUpdate, warehouseReceiptUpdate } from '../../workflows/after-sales-case.definitions';
import {
  actors,
  freshRequest,
  inspect,
  recordHistory,
  scan,
  startCase,
  viewWhen,
} from '../support/case-driver';
import { startTestStack, TestStack } from '../support/test-stack';

/** Test clocks, but time enough to ship and to receive the parcel before a clock decides. */
const POLICY = makeTestPolicy({
  allProfiles: { clocks: { ...TEST_CLOCKS, customerShip: 'PT1H', warehouseInspect: 'PT1H' } },
});

describe('case workflow: verified shipments', () => {
  let stack: TestStack;
  let numbers: TrackingNumbers;

  beforeAll(async () => {
    stack = await startTestStack();
    numbers = new TrackingNumbers(stack.runtime.dataSource);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('binds the pickup booking’s number, reaches inspection by a warehouse receipt when DELIVERED is lost, and releases the number at the end', async () => {
    const { caseId, handle } = await startCase(stack, freshRequest(), POLICY);
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    const trackingNumber = booked.returnShipment?.trackingNumber as string;
    expect(await numbers.openCaseOf(trackingNumber)).toBe(caseId);
    await scan(handle, trackingNumber, 'PICKED_UP');

    const receipt = {
      actor: actors.warehouse,
      receiptId: `${caseId}:r`,
      warehouseId: 'wh-1',
      trackingNumber,
      receivedAt: new Date().toISOString(),
    };
    const received = await handle.executeUpdate(warehouseReceiptUpdate, { args: [receipt] });
    expect(received.status).toBe('AWAITING_INSPECTION');
    expect(received.deadlines.inspectBy).not.toBeNull();
    expect((await handle.executeUpdate(warehouseReceiptUpdate, { args: [receipt] })).version).toBe(
      received.version,
    );

    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    expect(((await handle.result()) as CaseView).status).toBe('COMPLETED');
    expect(await numbers.openCaseOf(trackingNumber)).toBeUndefined();
    await recordHistory(handle, 'pickup-lost-delivered-warehouse-receipt');
  });

  it('refuses a self-shipped number another open case holds, recording nothing, and takes another', async () => {
    const selfShip = () => freshRequest({ returnMethod: 'SELF_SHIP', pickupAddress: undefined });
    const holder = await startCase(stack, selfShip(), POLICY);
    const other = await startCase(stack, selfShip(), POLICY);
    const trackingNumber = `SF-${holder.caseId}`;
    const register = (handle: typeof holder.handle, number: string) =>
      handle.executeUpdate(returnShipmentUpdate, {
        args: [{ actor: actors.customer, carrier: 'SF', trackingNumber: number }],
      });
    await viewWhen(holder.handle, (view) => view.status === 'AWAITING_RETURN');
    const awaiting = await viewWhen(other.handle, (view) => view.status === 'AWAITING_RETURN');
    expect((await register(holder.handle, trackingNumber)).status).toBe('RETURN_IN_TRANSIT');

    const refused = await register(other.handle, trackingNumber).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TRACKING_NUMBER_IN_USE' });
    expect((await viewWhen(other.handle, () => true)).version).toBe(awaiting.version);
    expect(await numbers.openCaseOf(trackingNumber)).toBe(holder.caseId);

    const own = `SF-${other.caseId}`;
    expect((await register(other.handle, own)).returnShipment).toMatchObject({ trackingNumber: own });
    await scan(other.handle, own, 'DELIVERED');
    await inspect(other.handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await other.handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'COMPLETED', riskFlags: ['OUT_OF_ORDER_SCAN'] });
    await recordHistory(other.handle, 'self-ship-tracking-number-in-use');
    await holder.handle.terminate('test over');
  });
});
