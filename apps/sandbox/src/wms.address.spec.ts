import { createSandbox, RunningSandbox } from './sandbox';
import { SandboxControlClient } from './sandbox-control.client';

/** What the case workflow sends for a self-ship replacement: the order's address is not in the case. */
const placeholder = { name: 'customer', phone: 'on file', line1: 'order address on file', city: 'on file' };
const address = { name: 'Li Lei', phone: '13800000000', line1: '1 Renmin Rd', city: 'Hangzhou' };

describe('the sandbox WMS: replacement shipments to a placeholder address', () => {
  let running: RunningSandbox;
  let control: SandboxControlClient;

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const reserve = async (key: string) =>
    (await post('/wms/reservations', { idempotencyKey: key, caseId: 'c-1', sku: 'sku-1', quantity: 1 })).body
      .reservationId as string;
  const ship = (key: string, reservationId: string, to: typeof address) =>
    post('/wms/shipments', { idempotencyKey: key, caseId: 'c-1', reservationId, address: to });

  beforeAll(async () => {
    running = await createSandbox({ seed: 1 }).listen(0);
    control = new SandboxControlClient(running.url);
  });
  beforeEach(() => control.reset());
  afterAll(() => running.close());

  it('ships to a placeholder by default, as before', async () => {
    const shipped = await ship('s-1', await reserve('r-1'), placeholder);
    expect(shipped).toMatchObject({ status: 201, body: { trackingNumber: expect.any(String) } });
  });

  it('refuses a placeholder with 422 ADDRESS_UNDELIVERABLE when told to, keeps the reservation, ships once allowed', async () => {
    await control.setKnobs({ wms: { refusePlaceholderAddresses: true } });
    const reservationId = await reserve('r-2');
    const refused = await ship('s-2', reservationId, placeholder);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'ADDRESS_UNDELIVERABLE',
      message: expect.stringContaining('order address on file'),
    });
    // A real address ships; the refusal stored nothing under its key, so the same call succeeds later.
    expect((await ship('s-3', await reserve('r-3'), address)).status).toBe(201);
    await control.setKnobs({ wms: { refusePlaceholderAddresses: false } });
    expect((await ship('s-2', reservationId, placeholder)).status).toBe(201);
  });
});
