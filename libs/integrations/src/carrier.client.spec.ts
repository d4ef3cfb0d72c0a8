// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { startWebhookReceiver, WebhookReceiver } from '../../../apps/sandbox/src/testing/webhook-receiver';
import { PostalAddress } from './address.types';
import { CarrierClient } from './carrier.client';
import { ExternalSystemRejectedError } from './integration.errors';
import { integrationsConfigFromEnv } from './integrations.config';

const address: PostalAddress = {
  name: 'Li Lei',
  phone: '13800000000',
  line1: '1 Renmin Rd',
  city: 'Hangzhou',
};

describe('CarrierClient against the sandbox', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let carrier: CarrierClient;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await createSandbox({
      seed: 11,
      knobs: { webhooks: { carrierUrl: `${receiver.url}/v1/carrier/events`, carrierToken: 'carrier-jwt' } },
    }).listen(0);
    control = new SandboxControlClient(sandbox.url);
    const config = integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url });
    carrier = new CarrierClient({ baseUrl: config.carrierUrl, timeoutMs: 2_000 });
  });
  beforeEach(async () => {
    await control.reset();
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('books a pickup once per key: a repeat returns the same booking and tracking number', async () => {
    const first = await carrier.bookPickup({ idempotencyKey: 'case-1:pickup', caseId: 'case-1', address });
    const again = await carrier.bookPickup({ idempotencyKey: 'case-1:pickup', caseId: 'case-1', address });
    const other = await carrier.bookPickup({ idempotencyKey: 'case-2:pickup', caseId: 'case-2', address });

    expect(first).toMatchObject({ caseId: 'case-1', carrier: 'SANDBOX-EXPRESS', status: 'BOOKED' });
    expect(first.trackingNumber).toMatch(/^SBX[0-9A-Z]{12}$/);
    expect(again).toEqual(first);
    expect(other.trackingNumber).not.toBe(first.trackingNumber);
  });

  it('cancels a booked pickup, and cancelling again answers the same', async () => {
    const booking = await carrier.bookPickup({ idempotencyKey: 'case-3:pickup', caseId: 'case-3', address });

    const cancelled = await carrier.cancelPickup(booking.bookingId);
    const again = await carrier.cancelPickup(booking.bookingId);

    expect(cancelled.status).toBe('CANCELLED');
    expect(again).toEqual(cancelled);
  });

  it('refuses to cancel a pickup the carrier has collected, as non-retryable PICKUP_ALREADY_COLLECTED', async () => {
    const booking = await carrier.bookPickup({ idempotencyKey: 'case-4:pickup', caseId: 'case-4', address });
    await control.emitScan({ trackingNumber: booking.trackingNumber, event: 'PICKED_UP' });

    const error = await carrier.cancelPickup(booking.bookingId).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).toMatchObject({ code: 'PICKUP_ALREADY_COLLECTED', retryable: false, httpStatus: 409 });
  });

  it('posts a scan to the carrier webhook with the bearer token and the API’s event shape', async () => {
    const booking = await carrier.bookPickup({ idempotencyKey: 'case-5:pickup', caseId: 'case-5', address });

    const scan = await control.emitScan({ trackingNumber: booking.trackingNumber, event: 'PICKED_UP' });

    const [call] = await receiver.waitFor(1);
    expect(call).toMatchObject({
      method: 'POST',
      path: '/v1/carrier/events',
      headers: { authorization: 'Bearer carrier-jwt', 'content-type': 'application/json' },
      body: {
        eventId: scan.eventId,
        trackingNumber: booking.trackingNumber,
        event: 'PICKED_UP',
        occurredAt: scan.occurredAt,
      },
    });
    expect(scan.delivery).toMatchObject({ ok: true, status: 200, attempts: 1 });
    await expect(carrier.getTracking(booking.trackingNumber)).resolves.toMatchObject({ status: 'PICKED_UP' });
  });

  it('moves a booked pickup through PICKED_UP, IN_TRANSIT and DELIVERED by itself when auto-progress is on', async () => {
    await control.setKnobs({
      carrier: { autoProgress: true, pickedUpAfterMs: 10, inTransitAfterMs: 10, deliveredAfterMs: 10 },
    });

    const booking = await carrier.bookPickup({ idempotencyKey: 'case-6:pickup', caseId: 'case-6', address });

    const calls = await receiver.waitFor(3);
    expect(calls.map((call) => (call.body as { event: string }).event)).toEqual([
      'PICKED_UP',
      'IN_TRANSIT',
      'DELIVERED',
    ]);
    expect(
      calls.every(
        (call) => (call.body as { trackingNumber: string }).trackingNumber === booking.trackingNumber,
      ),
    ).toBe(true);
    await expect(carrier.getPickup(booking.bookingId)).resolves.toMatchObject({ status: 'DELIVERED' });
  });

  it('issues a tracking number for an outbound shipment, once per key', async () => {
    const request = {
      idempotencyKey: 'batch-1:ship',
      purpose: 'SUPPLIER_BATCH' as const,
      destination: address,
      reference: 'batch-1',
    };

    const first = await carrier.createShipment(request);
    const again = await carrier.createShipment(request);

    expect(first.trackingNumber).toMatch(/^SBX/);
    expect(again).toEqual(first);
  });

  it('rejects a pickup without an address as VALIDATION_FAILED, naming the field', async () => {
    const error = await carrier
      .bookPickup({ idempotencyKey: 'case-7:pickup', caseId: 'case-7', address: { ...address, city: '' } })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
    expect((error as ExternalSystemRejectedError).details).toEqual([
      expect.objectContaining({ field: 'address.city' }),
    ]);
  });
});
