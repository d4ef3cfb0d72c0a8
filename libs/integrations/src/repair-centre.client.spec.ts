// Contract tests: the real client against the sandbox, started in-process, over real HTTP.
import { createSandbox, RunningSandbox } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { integrationsConfigFromEnv } from './integrations.config';
import { RepairCentreClient } from './repair-centre.client';

describe('RepairCentreClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;
  let repairs: RepairCentreClient;

  beforeAll(async () => {
    sandbox = await createSandbox().listen(0);
    control = new SandboxControlClient(sandbox.url);
    const config = integrationsConfigFromEnv({ SANDBOX_URL: sandbox.url });
    repairs = new RepairCentreClient({ baseUrl: config.repairUrl, timeoutMs: 2_000 });
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  it('reports a repair IN_PROGRESS, then REPAIRED once its duration has passed', async () => {
    await control.setKnobs({ repair: { durationMs: 100 } });

    const repair = await repairs.openRepair({
      idempotencyKey: 'case-1:repair:1',
      caseId: 'case-1',
      sku: 'sku-1',
    });
    expect(repair.status).toBe('IN_PROGRESS');

    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(repairs.getRepair(repair.repairId)).resolves.toMatchObject({ status: 'REPAIRED' });
  });

  it('keeps each repair’s outcome from the knob at the time it was opened', async () => {
    await control.setKnobs({ repair: { outcome: 'FAILED', durationMs: 0 } });
    const failed = await repairs.openRepair({
      idempotencyKey: 'case-2:repair:1',
      caseId: 'case-2',
      sku: 'sku-2',
    });
    await control.setKnobs({ repair: { outcome: 'REPAIRED' } });
    const second = await repairs.openRepair({
      idempotencyKey: 'case-2:repair:2',
      caseId: 'case-2',
      sku: 'sku-2',
    });

    await expect(repairs.getRepair(failed.repairId)).resolves.toMatchObject({ status: 'FAILED' });
    await expect(repairs.getRepair(second.repairId)).resolves.toMatchObject({ status: 'REPAIRED' });
  });

  it('opens one repair per key', async () => {
    const request = { idempotencyKey: 'case-3:repair:1', caseId: 'case-3', sku: 'sku-3' };

    const first = await repairs.openRepair(request);

    await expect(repairs.openRepair(request)).resolves.toMatchObject({ repairId: first.repairId });
  });
});
