// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { ExternalSystemRejectedError } from './integration.errors';
import { integrationsConfigFromEnv } from './integrations.config';
import { WmsClient } from './wms.client';

const address = { name: 'Han Meimei', phone: '13900000000', line1: '2 Jiefang Rd', city: 'Suzhou' };

describe('WmsClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let wms: WmsClient;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 3 }).listen(0);
    control = new SandboxControlClient(sandbox.url);
    wms = new WmsClient({
      baseUrl: integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url }).wmsUrl,
      timeoutMs: 2_000,
    });
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  it('notes an expected return at the default warehouse', async () => {
    await expect(
      wms.notifyExpectedReturn({
        idempotencyKey: 'case-1:expected-return',
        caseId: 'case-1',
        trackingNumber: 'SBX1',
        items: [{ sku: 'sku-1', quantity: 1 }],
      }),
    ).resolves.toMatchObject({ caseId: 'case-1', warehouseId: 'wh-sandbox-1', status: 'EXPECTED' });
  });

  it('reserves stock and ships the replacement with a tracking number', async () => {
    const reservation = await wms.reserveStock({
      idempotencyKey: 'case-2:reserve',
      caseId: 'case-2',
      sku: 'sku-2',
      quantity: 1,
    });

    const shipment = await wms.shipReplacement({
      idempotencyKey: 'case-2:ship',
      caseId: 'case-2',
      reservationId: reservation.reservationId,
      address,
    });

    expect(reservation.status).toBe('RESERVED');
    expect(shipment).toMatchObject({ reservationId: reservation.reservationId, carrier: 'SANDBOX-EXPRESS' });
    expect(shipment.trackingNumber).toMatch(/^SBX/);
  });

  it('refuses a reservation beyond the stock as non-retryable OUT_OF_STOCK', async () => {
    await control.setStock('sku-rare', 1);
    await wms.reserveStock({ idempotencyKey: 'case-3:reserve', sku: 'sku-rare', quantity: 1 });

    const error = await wms
      .reserveStock({ idempotencyKey: 'case-4:reserve', sku: 'sku-rare', quantity: 1 })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).toMatchObject({ code: 'OUT_OF_STOCK', retryable: false, httpStatus: 409 });
  });

  it('returns released stock once, however often the release is retried', async () => {
    await control.setStock('sku-5', 1);
    const reservation = await wms.reserveStock({
      idempotencyKey: 'case-5:reserve',
      sku: 'sku-5',
      quantity: 1,
    });

    await wms.releaseReservation(reservation.reservationId);
    const again = await wms.releaseReservation(reservation.reservationId);

    expect(again.status).toBe('RELEASED');
    await expect(
      wms.reserveStock({ idempotencyKey: 'case-6:reserve', sku: 'sku-5', quantity: 1 }),
    ).resolves.toMatchObject({ status: 'RESERVED' });
    await expect(
      wms.reserveStock({ idempotencyKey: 'case-7:reserve', sku: 'sku-5', quantity: 1 }),
    ).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  });

  it('refuses to release a reservation that was shipped', async () => {
    const reservation = await wms.reserveStock({
      idempotencyKey: 'case-8:reserve',
      sku: 'sku-8',
      quantity: 1,
    });
    await wms.shipReplacement({
      idempotencyKey: 'case-8:ship',
      caseId: 'case-8',
      reservationId: reservation.reservationId,
      address,
    });

    await expect(wms.releaseReservation(reservation.reservationId)).rejects.toMatchObject({
      code: 'RESERVATION_ALREADY_SHIPPED',
      retryable: false,
    });
  });
});
