import { createSandbox, RunningSandbox } from './sandbox';
import { MALFORMED_BODY } from './faults';
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
      rejectionsInjected: 0,
      malformedInjected: 0,
    });
  });

  it('never injects faults into the ledger, the witness of the tests', async () => {
    await control.setFault('refund', { failUntilCleared: true });

    await expect(control.ledger()).resolves.toMatchObject({ payouts: [] });
  });

  it('refuses every call with rejectStatus before any work when rejectRate is 1', async () => {
    await control.setFault('refund', { rejectRate: 1, rejectStatus: 403 });

    const response = await fetch(`${sandbox.url}/refund-system/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(refundBody('rejected')),
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'INJECTED_REJECTION', message: 'refund refused the call (injected fault)' },
    });
    expect((await control.ledger()).counters).toMatchObject({
      callsReceived: 1,
      refundsCreated: 0,
      payouts: 0,
    });
    expect((await control.faults()).refund.stats).toMatchObject({ calls: 1, rejectionsInjected: 1 });
  });

  it('answers 400 to a rejected call when no rejectStatus is given', async () => {
    await control.setFault('carrier', { rejectRate: 1 });

    const response = await fetch(`${sandbox.url}/carrier/tracking/SBX1`);

    expect(response.status).toBe(400);
    expect((await control.faults()).carrier).toMatchObject({ rejectRate: 1, rejectStatus: 400 });
  });

  it('does the work of a malformed call, then answers a 2xx whose body breaks the contract', async () => {
    await control.setFault('refund', { malformedRate: 1 });

    const response = await fetch(`${sandbox.url}/refund-system/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(refundBody('malformed')),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(201);
    expect(body).toEqual(MALFORMED_BODY);
    expect(body).not.toHaveProperty('refundId');
    expect((await control.ledger()).payouts).toHaveLength(1);
    expect((await control.faults()).refund.stats).toMatchObject({ malformedInjected: 1 });
  });

  it('leaves a business refusal as it is on a malformed call', async () => {
    await control.setStock('sku-none', 0);
    await control.setFault('wms', { malformedRate: 1 });

    const response = await fetch(`${sandbox.url}/wms/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: 'r', sku: 'sku-none', quantity: 1 }),
    });

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'OUT_OF_STOCK' } });
  });

  it('rejects and breaks the same calls on every run with the same seed, leaving the 503s of that seed as they were', async () => {
    const run = async (fault: Record<string, number>) => {
      const own = await createSandbox({ seed: 42, faults: { refund: fault } }).listen(0);
      try {
        const outcomes: string[] = [];
        for (let index = 0; index < 40; index++) {
          const response = await fetch(`${own.url}/refund-system/refunds`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(refundBody(`k-${index}`)),
          });
          const body = (await response.json()) as Record<string, unknown>;
          outcomes.push(`${response.status}${'malformed' in body ? '!' : ''}`);
        }
        return outcomes;
      } finally {
        await own.close();
      }
    };
    const fault = { failureRate: 0.3, rejectRate: 0.2, malformedRate: 0.2 };

    const first = await run(fault);
    const second = await run(fault);
    const onlyFailures = await statusesFor(42, 40);

    expect(second).toEqual(first);
    expect(first.filter((outcome) => outcome === '400').length).toBeGreaterThan(1);
    expect(first.filter((outcome) => outcome === '201!').length).toBeGreaterThan(1);
    expect(first.map((outcome) => outcome === '503')).toEqual(onlyFailures.map((status) => status === 503));
  });

  it('gives the order system the same knobs as the other played systems', async () => {
    const config = await control.setFault('orders', {
      rejectRate: 0.5,
      rejectStatus: 422,
      malformedRate: 0.1,
    });

    expect(config).toMatchObject({
      service: 'orders',
      rejectRate: 0.5,
      rejectStatus: 422,
      malformedRate: 0.1,
    });
    await control.clearFault('orders');
    expect((await control.faults()).orders).toMatchObject({ rejectRate: 0, malformedRate: 0 });
  });

  it('refuses a rejectStatus outside 4xx, or one that callers retry, with 400', async () => {
    for (const rejectStatus of [503, 408, 429, 200]) {
      await expect(control.setFault('refund', { rejectRate: 1, rejectStatus })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('rejectStatus'),
      });
    }
    await expect(control.setFault('refund', { malformedRate: -0.1 })).rejects.toMatchObject({ status: 400 });
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
