import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import { CaseView, makeCaseItem, makeTestPolicy } from '../../libs/domain/src';
import {
  resolveStepUpdate,
  retryStepUpdate,
  returnShipmentUpdate,
} from '../../workflows/after-sales-case.definitions';
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

/**
 * A self-shipped exchange has no address in the case, so the replacement goes to the placeholder
 * ADDRESS_ON_FILE; a warehouse that cannot resolve it refuses the shipment (422). The case must wait for
 * ops with the step listed, never fail.
 */
describe('case workflow: a self-ship replacement whose address on file is refused waits for ops', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  afterEach(async () => {
    await stack.sandbox.control.setKnobs({ wms: { refusePlaceholderAddresses: false } });
  });

  /** Clocks roomy enough that only the test moves the case. */
  const roomy = makeTestPolicy({
    allProfiles: { clocks: { customerShip: 'PT90S', warehouseInspect: 'PT90S', replacementShip: 'PT90S' } },
  });

  /** A trusted customer's self-shipped exchange, returned and graded defective: the replacement is due. */
  async function selfShippedExchangeRefused(): Promise<{ caseId: string; handle: WorkflowHandle }> {
    await stack.sandbox.control.setKnobs({ wms: { refusePlaceholderAddresses: true } });
    const sku = `sku-on-file-${randomUUID().slice(0, 8)}`;
    const { supplierId: _none, ...item } = makeCaseItem({ sku });
    const started = await startCase(
      stack,
      freshRequest({
        type: 'EXCHANGE',
        reason: 'QUALITY_ISSUE',
        customerTier: 'TRUSTED',
        returnMethod: 'SELF_SHIP',
        pickupAddress: undefined,
        items: [item],
      }),
      roomy,
    );
    const { handle } = started;
    await viewWhen(handle, (view) => view.status === 'AWAITING_RETURN');
    const trackingNumber = `SF-${randomUUID().slice(0, 12)}`;
    await handle.executeUpdate(returnShipmentUpdate, {
      args: [{ actor: actors.customer, carrier: 'SF', trackingNumber }],
    });
    await scan(handle, trackingNumber, 'DELIVERED');
    await inspect(handle, [{ sku, quantity: 1, grade: 'C_DEFECTIVE' }]);
    const waiting = await viewWhen(handle, (view) => view.needsAttention.length > 0);
    expect(waiting.status).toBe('REPLACING');
    expect(waiting.needsAttention).toEqual([
      {
        stepKey: 'SHIP_REPLACEMENT:',
        step: 'SHIP_REPLACEMENT',
        error: expect.objectContaining({ httpStatus: 422, message: expect.stringMatching(/on file/) }),
        since: expect.any(String),
      },
    ]);
    expect(waiting.resolution?.replacement).toMatchObject({ status: 'RESERVED' });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    return started;
  }

  it('lists the refused shipment; ops resolve it DONE with the parcel they sent by hand and the case completes', async () => {
    const { caseId, handle } = await selfShippedExchangeRefused();
    const byHand = `SF-BY-HAND-${randomUUID().slice(0, 8)}`;
    await handle.executeUpdate(resolveStepUpdate, {
      args: [
        {
          stepKey: 'SHIP_REPLACEMENT:',
          outcome: 'DONE',
          externalRef: byHand,
          note: 'customer confirmed the address by phone; shipped by hand',
          actor: actors.ops,
        },
      ],
    });
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({
      status: 'COMPLETED',
      needsAttention: [],
      resolution: { kind: 'REPLACEMENT', replacement: { status: 'SHIPPED', trackingNumber: byHand } },
    });
    // Nothing was paid, and the warehouse never shipped the reserved unit itself.
    expect((await stack.sandbox.control.ledger(caseId)).payouts).toEqual([]);
    const shipped = [...stack.sandbox.instance.state.wms.reservations.values()].filter(
      (reservation) => reservation.caseId === caseId && reservation.status === 'SHIPPED',
    );
    expect(shipped).toEqual([]);
    await recordHistory(handle, 'self-ship-replacement-address-refused-resolved-done');
  }, 90_000);

  it('retried once the warehouse resolves addresses on file, the replacement ships and the case completes', async () => {
    const { caseId, handle } = await selfShippedExchangeRefused();
    await stack.sandbox.control.setKnobs({ wms: { refusePlaceholderAddresses: false } });
    await handle.executeUpdate(retryStepUpdate, {
      args: [
        { stepKey: 'SHIP_REPLACEMENT:', reason: 'the WMS reads the order address now', actor: actors.ops },
      ],
    });
    const done = (await handle.result()) as CaseView;
    expect(done).toMatchObject({ status: 'COMPLETED', resolution: { replacement: { status: 'SHIPPED' } } });
    const reservations = [...stack.sandbox.instance.state.wms.reservations.values()].filter(
      (reservation) => reservation.caseId === caseId,
    );
    expect(reservations).toEqual([expect.objectContaining({ status: 'SHIPPED' })]);
  }, 90_000);
});
