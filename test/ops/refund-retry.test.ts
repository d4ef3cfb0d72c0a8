import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { runOpsCli } from '../../scripts/ops';
import { ApiHarness, identities, Identities, startApi } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { expectSeqWithoutGaps, OPS_POLICY, opsDriver } from './ops-support';

// Real Temporal and PostgreSQL, a refund refused for good, then retried by ops.
jest.setTimeout(180_000);

/**
 * A refund system in front of the sandbox's: while `refusing`, it refuses every refund for good (a
 * 422 the workflow records as REFUND_FAILED); otherwise it passes calls through unchanged.
 */
class RefusingRefundSystem {
  refusing = true;
  target = '';
  private readonly server: Server = createServer((req, res) => {
    void this.handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'PROXY_FAILED', message: String(error) } }));
      },
    );
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: string }> {
    if (this.refusing && req.method === 'POST') {
      return {
        status: 422,
        body: JSON.stringify({
          error: { code: 'ACCOUNT_FROZEN', message: "the customer's account is frozen" },
        }),
      };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'idempotency-key']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const response = await fetch(`${this.target}${req.url ?? ''}`, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    return { status: response.status, body: await response.text() };
  }
}

describe('a refund the refund system refused for good', () => {
  let api: ApiHarness;
  let who: Identities;
  let ops: ReturnType<typeof opsDriver>;
  const refundSystem = new RefusingRefundSystem();

  beforeAll(async () => {
    const refundSystemUrl = await refundSystem.listen();
    api = await startApi({ policy: OPS_POLICY, workerEnv: { REFUND_SYSTEM_URL: refundSystemUrl } });
    refundSystem.target = `${api.stack.sandbox.url}/refund-system`;
    who = identities();
    ops = opsDriver(api, who);
  });

  afterAll(async () => {
    await api?.stack.stop();
    await refundSystem.close();
  });

  it('is listed as REFUND_FAILED, and retried by ops (from the CLI) it is paid exactly once', async () => {
    const caseId = await ops.openCase();
    await ops.returnToWarehouse(caseId);
    await ops.inspectDefective(caseId);

    const stuck = await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'REFUND_FAILED'),
    );
    expect(stuck.status).toBe('REFUNDING');
    const failed = stuck.reasons.find((reason) => reason.kind === 'REFUND_FAILED');
    expect(failed?.detail).toContain('ACCOUNT_FROZEN');
    const refundId = failed?.refundId as string;

    const unknown = await api.call('POST', `/v1/ops/cases/${caseId}/refunds/rf-unknown/retry`, who.ops, {
      reason: 'typo',
    });
    expect(unknown.status).toBe(404);

    // The account is unfrozen: ops retry the refund, under the same refund id and idempotency key.
    refundSystem.refusing = false;
    const out: string[] = [];
    const code = await runOpsCli(
      ['retry-refund', caseId, refundId, '--reason', 'account unfrozen by the bank'],
      { AFTERSALES_API_URL: api.url, AUTH_JWT_SECRET: api.stack.config.authJwtSecret, OPS_ACTOR: 'ops-2' },
      { out: (text) => out.push(text), err: (text) => out.push(text) },
    );
    expect({ code, out: out.join('\n') }).toMatchObject({ code: 0, out: expect.stringContaining(refundId) });
    await ops.waitForStatus(caseId, 'COMPLETED', 60_000);

    const ledger = await api.stack.sandbox.control.ledger(caseId);
    expect(ledger.payouts).toHaveLength(1);
    const events = await ops.eventsOf(caseId);
    expectSeqWithoutGaps(events);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect({
      failed: count('REFUND_FAILED'),
      requested: count('REFUND_REQUESTED'),
      succeeded: count('REFUND_SUCCEEDED'),
    }).toEqual({ failed: 1, requested: 2, succeeded: 1 });
    expect(events.find((event) => event.type === 'OPS_ACTION_RECORDED')).toMatchObject({
      actor: { role: 'ops', id: 'ops-2' },
      data: { action: 'RETRY_REFUND', refundId, reason: 'account unfrozen by the bank' },
    });

    // A paid refund is not retried: 409 naming the status.
    const again = await api.call('POST', `/v1/ops/cases/${caseId}/refunds/${refundId}/retry`, who.ops, {
      reason: 'once more',
    });
    expect(again.status).toBe(409);
    await eventually(async () => {
      expect((await ops.stuckCases()).find((item) => item.caseId === caseId)).toBeUndefined();
    });
  });
});
