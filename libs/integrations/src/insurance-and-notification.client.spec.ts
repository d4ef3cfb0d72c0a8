// Contract tests: the real clients against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { createIntegrationClients, IntegrationClients } from './integration-clients.factory';
import { integrationsConfigFromEnv } from './integrations.config';

describe('InsuranceClient and NotificationClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let clients: IntegrationClients;

  beforeAll(async () => {
    sandbox = await createSandbox().listen(0);
    control = new SandboxControlClient(sandbox.url);
    clients = createIntegrationClients(integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url }));
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  it('pays a return-freight claim once per key', async () => {
    const request = {
      idempotencyKey: 'case-1:freight-claim',
      caseId: 'case-1',
      amount: { amount: 1_500, currency: 'CNY' },
    };

    const first = await clients.insurance.fileClaim(request);

    await expect(clients.insurance.fileClaim(request)).resolves.toEqual(first);
    expect(first).toMatchObject({ status: 'PAID', paidAmount: { amount: 1_500, currency: 'CNY' } });
  });

  it('pays the standard amount when a claim names none', async () => {
    await expect(
      clients.insurance.fileClaim({ idempotencyKey: 'case-2:freight-claim', caseId: 'case-2' }),
    ).resolves.toMatchObject({ paidAmount: { amount: 1_200, currency: 'CNY' } });
  });

  it('sends a customer notice once per key, and the sandbox lists it for the case', async () => {
    const notice = {
      idempotencyKey: 'case-3:approved',
      caseId: 'case-3',
      template: 'CASE_APPROVED',
      channel: 'SMS' as const,
    };

    const first = await clients.notification.notifyCustomer(notice);
    await clients.notification.notifyCustomer(notice);

    expect(first).toMatchObject({ status: 'ACCEPTED', channel: 'SMS', template: 'CASE_APPROVED' });
    expect(await control.notifications('case-3')).toEqual([
      expect.objectContaining({ notificationId: first.notificationId }),
    ]);
  });

  it('reports a notice service outage as retryable', async () => {
    await control.setFault('notify', { failureRate: 1 });

    await expect(
      clients.notification.notifyCustomer({ caseId: 'case-4', template: 'CASE_APPROVED' }),
    ).rejects.toMatchObject({
      code: 'EXTERNAL_SYSTEM_UNAVAILABLE',
      retryable: true,
      system: 'notify',
    });
  });
});
