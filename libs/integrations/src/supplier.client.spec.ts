// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { startWebhookReceiver, WebhookReceiver } from '../../../apps/sandbox/src/testing/webhook-receiver';
import { integrationsConfigFromEnv } from './integrations.config';
import { SupplierClient } from './supplier.client';
import { ShipBatchRequest } from './supplier.types';

describe('SupplierClient against the sandbox', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let supplier: SupplierClient;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await createSandbox({
      knobs: {
        webhooks: {
          supplierCreditUrlTemplate: `${receiver.url}/v1/supplier-returns/{batchId}/credit`,
          supplierToken: 'supplier-jwt',
        },
      },
    }).listen(0);
    control = new SandboxControlClient(sandbox.url);
    const config = integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url });
    supplier = new SupplierClient({ baseUrl: config.supplierUrl, timeoutMs: 2_000 });
  });
  beforeEach(async () => {
    await control.reset();
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const batch = (batchId: string): ShipBatchRequest => ({
    supplierId: 's-1',
    batchId,
    units: [
      { caseId: 'case-1', sku: 'sku-1', quantity: 2, unitCost: { amount: 3_000, currency: 'CNY' } },
      { caseId: 'case-2', sku: 'sku-1', quantity: 1, unitCost: { amount: 3_000, currency: 'CNY' } },
    ],
  });

  it('acknowledges a batch once per batch id', async () => {
    const first = await supplier.shipBatch(batch('batch-1'));

    await expect(supplier.shipBatch(batch('batch-1'))).resolves.toEqual(first);
    expect(first).toMatchObject({ batchId: 'batch-1', supplierId: 's-1', status: 'ACKNOWLEDGED' });
  });

  it('refuses the same batch id with other units as IDEMPOTENCY_CONFLICT', async () => {
    await supplier.shipBatch(batch('batch-2'));

    await expect(
      supplier.shipBatch({ ...batch('batch-2'), units: batch('x').units.slice(1) }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      retryable: false,
    });
  });

  it('posts the credit note to the supplier webhook by itself when auto credit is on', async () => {
    await control.setKnobs({ supplier: { autoCreditNote: true, creditDelayMs: 20 } });

    await supplier.shipBatch(batch('batch-3'));

    const [call] = await receiver.waitFor(1);
    expect(call).toMatchObject({
      method: 'POST',
      path: '/v1/supplier-returns/batch-3/credit',
      headers: { authorization: 'Bearer supplier-jwt' },
      body: { creditNoteId: expect.stringMatching(/^cn-/), amount: { amount: 9_000, currency: 'CNY' } },
    });
    await expect(supplier.getBatch('batch-3')).resolves.toMatchObject({
      status: 'CREDITED',
      creditNote: { amount: { amount: 9_000, currency: 'CNY' } },
    });
  });
});
