import { createSandbox, RunningSandbox, Sandbox } from './sandbox';
import { SandboxControlClient } from './sandbox-control.client';
import { startWebhookReceiver, WebhookReceiver } from './testing/webhook-receiver';

const address = { name: 'Li Lei', phone: '13800000000', line1: '1 Renmin Rd', city: 'Hangzhou' };

describe('the sandbox', () => {
  let receiver: WebhookReceiver;
  let failingReceiver: WebhookReceiver;
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let control: SandboxControlClient;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    failingReceiver = await startWebhookReceiver(503);
    sandbox = createSandbox({
      seed: 1,
      knobs: { webhooks: { carrierUrl: `${receiver.url}/carrier`, carrierToken: 't' } },
    });
    running = await sandbox.listen(0);
    control = new SandboxControlClient(running.url);
  });
  beforeEach(async () => {
    await control.reset();
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await running.close();
    await receiver.close();
    await failingReceiver.close();
  });

  describe('validation', () => {
    it('answers 400 listing every failing field of a refund', async () => {
      const { status, body } = await post('/refund-system/refunds', {
        amount: { amount: 1.5, currency: 'cny' },
      });

      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const fields = (body.error as { details: { field: string }[] }).details.map((detail) => detail.field);
      expect(fields).toEqual(
        expect.arrayContaining(['idempotencyKey', 'caseId', 'refundNo', 'amount.amount', 'amount.currency']),
      );
    });

    it('answers 400 when the Idempotency-Key header and the body key differ', async () => {
      const refund = {
        idempotencyKey: 'a',
        caseId: 'c',
        refundNo: 1,
        amount: { amount: 1, currency: 'CNY' },
      };

      const { status, body } = await post('/refund-system/refunds', refund, { 'Idempotency-Key': 'b' });

      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISMATCH' });
    });

    it('accepts the idempotency key in the header alone', async () => {
      const refund = { caseId: 'c', refundNo: 1, amount: { amount: 1, currency: 'CNY' } };

      const { status, body } = await post('/refund-system/refunds', refund, { 'Idempotency-Key': 'h-1' });

      expect(status).toBe(201);
      expect(body).toMatchObject({ idempotencyKey: 'h-1', status: 'SUCCEEDED' });
    });

    it('answers malformed JSON with a 400, not a 500', async () => {
      const { status, body } = await post('/carrier/pickups', '{"caseId": ');

      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'MALFORMED_REQUEST' });
    });

    it('answers an unknown route with a JSON 404', async () => {
      const response = await fetch(`${running.url}/refund-system/nothing-here`);

      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    });

    it('rejects unknown knobs with 400', async () => {
      await expect(control.setKnobs({ refund: { speed: 'fast' } } as never)).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    });
  });

  describe('ledger', () => {
    it('counts calls, duplicates and conflicts per case', async () => {
      const refund = {
        idempotencyKey: 'k',
        caseId: 'c-9',
        refundNo: 1,
        amount: { amount: 700, currency: 'CNY' },
      };
      await post('/refund-system/refunds', refund);
      await post('/refund-system/refunds', { ...refund, reason: 'reworded reason is still the same refund' });
      await post('/refund-system/refunds', { ...refund, amount: { amount: 800, currency: 'CNY' } });
      await post('/refund-system/refunds', { ...refund, idempotencyKey: 'other', caseId: 'c-10' });

      const ledger = await control.ledger('c-9');

      expect(ledger.counters).toEqual({
        callsReceived: 3,
        refundsCreated: 1,
        duplicatesAbsorbed: 1,
        conflictsRejected: 1,
        payouts: 1,
        pending: 0,
      });
      expect((await control.ledger()).payouts).toHaveLength(2);
    });
  });

  describe('carrier scans', () => {
    it('refuses a scan of a cancelled pickup with 409', async () => {
      const booking = await post('/carrier/pickups', { idempotencyKey: 'p', caseId: 'c', address });
      await post(`/carrier/pickups/${booking.body.bookingId as string}/cancel`, {});

      await expect(
        control.emitScan({ trackingNumber: booking.body.trackingNumber as string, event: 'PICKED_UP' }),
      ).rejects.toMatchObject({ status: 409, code: 'PICKUP_CANCELLED' });
      expect(receiver.received).toHaveLength(0);
    });

    it('passes a scan of a tracking number it never issued (a self-shipped return) to the webhook', async () => {
      const scan = await control.emitScan({ trackingNumber: 'YT123456', event: 'DELIVERED', eventId: 'e-1' });

      expect(scan).toMatchObject({ eventId: 'e-1', delivery: { ok: true } });
      expect((await receiver.waitFor(1))[0]?.body).toMatchObject({
        eventId: 'e-1',
        trackingNumber: 'YT123456',
      });
    });

    it('retries a webhook the receiver answers with 5xx, and reports the failure', async () => {
      await control.setKnobs({ webhooks: { carrierUrl: failingReceiver.url } });

      const scan = await control.emitScan({ trackingNumber: 'YT1', event: 'IN_TRANSIT' });

      expect(scan.delivery).toMatchObject({ ok: false, status: 503, attempts: 3 });
      expect(await control.webhooks()).toHaveLength(1);
    });

    it('validates the scan event', async () => {
      await expect(
        control.emitScan({ trackingNumber: 'YT1', event: 'LOST' as 'DELIVERED' }),
      ).rejects.toMatchObject({
        status: 400,
      });
    });
  });

  describe('supplier', () => {
    it('issues a credit note on demand and posts it to the webhook', async () => {
      const credits = await startWebhookReceiver();
      try {
        await control.setKnobs({
          webhooks: { supplierCreditUrlTemplate: `${credits.url}/v1/supplier-returns/{batchId}/credit` },
        });
        await post('/supplier/batches', {
          supplierId: 's',
          batchId: 'b/1',
          units: [{ caseId: 'c', sku: 'x', quantity: 3 }],
        });

        const result = await control.issueCreditNote('b/1');

        expect(result).toMatchObject({ amount: { amount: 15_000, currency: 'CNY' }, delivery: { ok: true } });
        expect((await credits.waitFor(1))[0]?.path).toBe('/v1/supplier-returns/b%2F1/credit');
      } finally {
        await credits.close();
      }
    });

    it('refuses an idempotency key other than the batch id', async () => {
      const batch = { supplierId: 's', batchId: 'b-2', units: [{ caseId: 'c', sku: 'x', quantity: 1 }] };

      const { status, body } = await post('/supplier/batches', batch, { 'Idempotency-Key': 'not-the-batch' });

      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISMATCH' });
    });
  });

  describe('reset', () => {
    it('forgets refunds and cancels scans still waiting to be sent', async () => {
      await control.setKnobs({ carrier: { autoProgress: true, pickedUpAfterMs: 100 } });
      await post('/carrier/pickups', { idempotencyKey: 'p', caseId: 'c', address });
      await post('/refund-system/refunds', {
        idempotencyKey: 'k',
        caseId: 'c',
        refundNo: 1,
        amount: { amount: 1, currency: 'CNY' },
      });

      await control.reset();
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(receiver.received).toHaveLength(0);
      expect((await control.ledger()).payouts).toHaveLength(0);
      expect(sandbox.knobs.carrier.autoProgress).toBe(false);
    });

    it('keeps issuing new tracking numbers after a reset, so none is ever reused', async () => {
      const before = await post('/carrier/pickups', { idempotencyKey: 'p', caseId: 'c', address });
      await control.reset();
      const after = await post('/carrier/pickups', { idempotencyKey: 'p', caseId: 'c', address });

      expect(after.body.trackingNumber).not.toBe(before.body.trackingNumber);
    });
  });
});
