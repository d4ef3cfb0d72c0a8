import { createSandbox, RunningSandbox } from './sandbox';
import { SandboxControlClient } from './sandbox-control.client';

const refundBody = (key: string) => ({
  idempotencyKey: key,
  caseId: 'c-1',
  refundNo: 1,
  amount: { amount: 100, currency: 'CNY' },
});

async function postRefund(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/refund-system/refunds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(refundBody(key)),
  });
  await response.text();
  return response.status;
}

/** The statuses of `count` sequential refund calls against a fresh sandbox with `seed` and 30% failures. */
async function statusesFor(seed: number, count: number): Promise<number[]> {
  const sandbox = await createSandbox({ seed, faults: { refund: { failureRate: 0.3 } } }).listen(0);
  try {
    const statuses: number[] = [];
    for (let index = 0; index < count; index++) statuses.push(await postRefund(sandbox.url, `k-${index}`));
    return statuses;
  } finally {
    await sandbox.close();
  }
}

describe('fault injection', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControlClient;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 5 }).listen(0);
    control = new SandboxControlClient(sandbox.url);
  });
  beforeEach(() => control.reset());
  afterAll(() => sandbox.close());

  it('fails the same calls on every run with the same seed', async () => {
    const first = await statusesFor(42, 40);
    const second = await statusesFor(42, 40);

    expect(second).toEqual(first);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
  });

  it('fails a different set of calls with another seed', async () => {
    expect(await statusesFor(43, 40)).not.toEqual(await statusesFor(42, 40));
  });

  it('answers 503 with a JSON error on every call until the fault is cleared', async () => {
    await control.setFault('refund', { failUntilCleared: true });

    const during = [await postRefund(sandbox.url, 'a'), await postRefund(sandbox.url, 'a')];
    const body = await (await fetch(`${sandbox.url}/refund-system/refunds`, { method: 'POST' })).json();
    await control.clearFault('refund');

    expect(during).toEqual([503, 503]);
    expect(body).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'refund is unavailable (injected fault)' },
    });
    expect(await postRefund(sandbox.url, 'a')).toBe(201);
    expect((await control.ledger()).counters.callsReceived).toBe(4);
  });

  it('adds the configured latency to each call of that service only', async () => {
    await control.setFault('wms', { latencyMs: 150 });

    const started = Date.now();
    await postRefund(sandbox.url, 'fast');
    const refundTook = Date.now() - started;
    const wmsStarted = Date.now();
    await fetch(`${sandbox.url}/wms/stock/sku-1`);
    const wmsTook = Date.now() - wmsStarted;

    expect(refundTook).toBeLessThan(150);
    expect(wmsTook).toBeGreaterThanOrEqual(140);
  });

  it('does the work of a hanging call before answering late', async () => {
    await control.setFault('refund', { timeoutRate: 1, timeoutHangMs: 200 });

    const started = Date.now();
    const status = await postRefund(sandbox.url, 'slow');

    expect(status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await control.faults()).refund.stats).toEqual({
      calls: 1,
      failuresInjected: 0,
      timeoutsInjected: 1,
    });
  });

  it('never injects faults into the ledger, the witness of the tests', async () => {
    await control.setFault('refund', { failUntilCleared: true });

    await expect(control.ledger()).resolves.toMatchObject({ payouts: [] });
  });

  it('rejects an unknown service and out-of-range rates with 400', async () => {
    await expect(control.setFault('bank' as 'refund', { failureRate: 0.5 })).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    await expect(control.setFault('refund', { failureRate: 1.5 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('failureRate'),
    });
  });
});
