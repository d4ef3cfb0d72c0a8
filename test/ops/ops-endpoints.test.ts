import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { caseViewProjection, EventStore, initDatabase } from '../../libs/persistence/src';
import { runOpsCli } from '../../scripts/ops';
import { ApiHarness, identities, Identities, startApi } from '../e2e/e2e-support';
import { returnRefundHistory } from './case-history.fixture';
import { expectSeqWithoutGaps, expectStatus, OPS_POLICY, opsDriver, StuckCaseItem } from './ops-support';

// Real Temporal and PostgreSQL, and one replay that bundles the workflows with webpack.
jest.setTimeout(180_000);

/** One new ops endpoint: how to call it, and the statuses that prove an ops caller got past auth. */
interface OpsEndpoint {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: unknown;
  allowed: number[];
}

describe('the ops endpoints', () => {
  let api: ApiHarness;
  let who: Identities;
  let ops: ReturnType<typeof opsDriver>;
  let dataSource: DataSource;
  let waitingCaseId: string;
  let previousBundlePath: string | undefined;

  beforeAll(async () => {
    // No prebuilt bundle: this API bundles workflows/ itself on its first replay.
    previousBundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    delete process.env.WORKFLOW_BUNDLE_PATH;
    api = await startApi({ policy: OPS_POLICY });
    who = identities();
    ops = opsDriver(api, who);
    dataSource = await initDatabase(api.stack.config.databaseUrl, { poolSize: 2 });
    waitingCaseId = await ops.openCase();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await api?.stack.stop();
    if (previousBundlePath !== undefined) process.env.WORKFLOW_BUNDLE_PATH = previousBundlePath;
  });

  /** Runs the CLI against this API as ops; answers the exit code and what it printed. */
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runOpsCli(
      argv,
      {
        AFTERSALES_API_URL: api.url,
        AUTH_JWT_SECRET: api.stack.config.authJwtSecret,
        OPS_ACTOR: 'ops-cli-test',
      },
      { out: (text) => out.push(text), err: (text) => err.push(text) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  /** Appends a case's domain events straight to the log (no workflow), as if recorded long ago. */
  const recordOldCase = async (end: Parameters<typeof returnRefundHistory>[3], daysAgo: number) => {
    const caseId = randomUUID();
    const store = new EventStore(dataSource, { inlineProjections: [caseViewProjection] });
    const events = returnRefundHistory(
      caseId,
      new Date(Date.now() - daysAgo * 86_400_000),
      { merchantId: who.merchantId, customerId: who.customerId },
      end,
    );
    await store.append({ streamId: caseId, expectedVersion: 0, commandId: `${caseId}@0`, events });
    return caseId;
  };

  describe('who may call them', () => {
    const endpoints: OpsEndpoint[] = [
      { name: 'GET /v1/ops/stuck-cases', method: 'GET', path: () => '/v1/ops/stuck-cases', allowed: [200] },
      // An unknown case: a 404 proves ops got through, without replaying or resetting anything.
      ...(
        ['replay', 'reset', 'activities/1/retry', 'activities/1/pause', 'activities/1/unpause'] as const
      ).map((action): OpsEndpoint => ({
        name: `POST /v1/ops/cases/{id}/${action}`,
        method: 'POST',
        path: () => `/v1/ops/cases/no-such-case/${action}`,
        body: action === 'reset' ? { to: 'LAST_WORKFLOW_TASK', reason: 'matrix' } : {},
        allowed: [404],
      })),
      {
        name: 'POST /v1/ops/cases/{id}/refunds/{refundId}/retry',
        method: 'POST',
        path: () => `/v1/ops/cases/${waitingCaseId}/refunds/no-such-refund/retry`,
        body: { reason: 'matrix' },
        allowed: [404],
      },
    ];

    it.each(endpoints)('$name: 401 without a valid token, 403 for every other role', async (endpoint) => {
      for (const token of [
        null,
        'not-a-jwt',
        jwt.sign({ sub: 'x', role: 'ops' }, 'another-secret-of-enough-length'),
      ]) {
        const answer = await api.call(endpoint.method, endpoint.path(), token, endpoint.body);
        expect({ token, status: answer.status, code: answer.body.error?.code }).toEqual({
          token,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
      const others: TokenClaims[] = [
        who.customer,
        who.merchant,
        who.warehouse,
        who.carrier,
        who.refundSystem,
        who.supplier,
      ];
      for (const caller of others) {
        const answer = await api.call(endpoint.method, endpoint.path(), caller, endpoint.body);
        expect({ role: caller.role, status: answer.status, code: answer.body.error?.code }).toEqual({
          role: caller.role,
          status: 403,
          code: 'FORBIDDEN_ROLE',
        });
      }
      const asOps = await api.call(endpoint.method, endpoint.path(), who.ops, endpoint.body);
      expect({ status: asOps.status, body: asOps.body }).toMatchObject({ status: endpoint.allowed[0] });
    });

    it('documents them in the OpenAPI description', async () => {
      const response = await request(api.url).get('/docs-json').expect(200);
      const paths = response.body.paths as Record<string, Record<string, { responses: object }>>;
      for (const [path, method] of [
        ['/v1/ops/stuck-cases', 'get'],
        ['/v1/ops/cases/{caseId}/replay', 'post'],
        ['/v1/ops/cases/{caseId}/reset', 'post'],
        ['/v1/ops/cases/{caseId}/activities/{activityId}/retry', 'post'],
        ['/v1/ops/cases/{caseId}/activities/{activityId}/pause', 'post'],
        ['/v1/ops/cases/{caseId}/activities/{activityId}/unpause', 'post'],
        ['/v1/ops/cases/{caseId}/refunds/{refundId}/retry', 'post'],
      ]) {
        expect({ path, method, responses: Object.keys(paths[path]?.[method]?.responses ?? {}) }).toEqual({
          path,
          method,
          responses: expect.arrayContaining(['200', '401', '403']),
        });
      }
    });
  });

  describe('bad input', () => {
    it.each([
      ['a reset without a reason', 'reset', { to: 'LAST_WORKFLOW_TASK' }, 'reason'],
      ['a reset to nowhere', 'reset', { to: 'SOMEWHERE', reason: 'x' }, 'to'],
      ['a reset to event 0', 'reset', { to: 0, reason: 'x' }, 'to'],
      ['an unknown field', 'replay', { recordd: true }, '(body)'],
      ['a blank refund retry reason', 'refunds/rf-1/retry', { reason: '  ' }, 'reason'],
    ])('refuses %s with 400 naming the field', async (_name, action, body, field) => {
      const answer = await api.call('POST', `/v1/ops/cases/${waitingCaseId}/${action}`, who.ops, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(answer.body.error?.details)).toContain(field);
    });

    it.each([['limit=0'], ['limit=100000'], ['silentFor=yesterday'], ['scan=abc'], ['colour=red']])(
      'refuses the stuck-cases query %s with 400',
      async (query) => {
        const answer = await api.call('GET', `/v1/ops/stuck-cases?${query}`, who.ops);
        expect(answer.status).toBe(400);
        expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
      },
    );

    it('answers 404 for an unknown case and 400 for a reset event that is not a workflow task', async () => {
      expect((await api.call('POST', '/v1/ops/cases/no-such-case/replay', who.ops, {})).status).toBe(404);
      const started = await api.call('POST', `/v1/ops/cases/${waitingCaseId}/reset`, who.ops, {
        to: 1,
        reason: 'event 1 is the workflow start',
      });
      expect(started.status).toBe(400);
      expect(started.body.error?.details).toEqual([
        expect.objectContaining({
          field: 'to',
          message: expect.stringContaining('WorkflowExecutionStarted'),
        }),
      ]);
      const beyond = await api.call('POST', `/v1/ops/cases/${waitingCaseId}/reset`, who.ops, {
        to: 100_000,
        reason: 'no such event',
      });
      expect(beyond.status).toBe(400);
    });
  });

  describe('stuck cases from the read model', () => {
    it('lists a case long past its deadline and silent, and a case whose refund was refused', async () => {
      const overdue = await recordOldCase('REQUESTED', 10);
      const refused = await recordOldCase('REFUND_FAILED', 10);
      const done = await recordOldCase('COMPLETED', 10);
      const items = await ops.stuckCases('?limit=500');
      const byId = (caseId: string) => items.find((item) => item.caseId === caseId);

      expect(byId(overdue)).toMatchObject({
        status: 'PENDING_MERCHANT_REVIEW',
        temporalUiUrl: `http://localhost:8233/namespaces/default/workflows/case-${overdue}`,
      });
      expect(kinds(byId(overdue))).toEqual(['PAST_DEADLINE', 'SILENT']);
      expect(byId(overdue)?.reasons.find((reason) => reason.kind === 'PAST_DEADLINE')).toMatchObject({
        detail: expect.stringContaining('merchantRespondBy'),
        since: expect.stringMatching(/^\d{4}-/),
      });
      expect(kinds(byId(refused))).toEqual(expect.arrayContaining(['REFUND_FAILED', 'SILENT']));
      expect(byId(refused)?.reasons.find((reason) => reason.kind === 'REFUND_FAILED')).toMatchObject({
        refundId: expect.any(String),
        detail: expect.stringContaining('ACCOUNT_CLOSED'),
      });
      // A finished case is never stuck, however old.
      expect(byId(done)).toBeUndefined();
    });

    it('calls a case silent after the threshold asked for, and not before', async () => {
      const quiet = await ops.openCase();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(
        kinds((await ops.stuckCases('?silentFor=PT1S&limit=500')).find((item) => item.caseId === quiet)),
      ).toEqual(['SILENT']);
      expect((await ops.stuckCases('?limit=500')).find((item) => item.caseId === quiet)).toBeUndefined();
    });
  });

  describe('replay and reset of a healthy case', () => {
    it('replays deterministically against the workflows the API bundles itself, and records it', async () => {
      const answer = expectStatus(
        await api.call('POST', `/v1/ops/cases/${waitingCaseId}/replay`, who.ops, {
          record: true,
          reason: 'checking the release',
        }),
      );
      expect(answer).toMatchObject({
        caseId: waitingCaseId,
        workflowStatus: 'RUNNING',
        deterministic: true,
        replayedAgainst: 'workflows/ as bundled by this API',
        recorded: true,
        temporalUiUrl: expect.stringContaining(`/workflows/case-${waitingCaseId}/`),
      });
      expect(answer.historyLength).toBeGreaterThan(3);
      const events = await ops.eventsOf(waitingCaseId);
      expect(events[events.length - 1]).toMatchObject({
        type: 'OPS_ACTION_RECORDED',
        data: { action: 'REPLAY', reason: 'checking the release' },
      });
    });

    it('resets to the last workflow task: a new run, the reset in the log, the case unchanged', async () => {
      const caseId = await ops.openCase();
      const answer = expectStatus(
        await api.call('POST', `/v1/ops/cases/${caseId}/reset`, who.ops, {
          to: 'LAST_WORKFLOW_TASK',
          reason: 'kick it',
          requestId: `reset-${caseId}`,
        }),
      );
      expect(answer).toMatchObject({
        caseId,
        resetTo: { eventType: 'WorkflowTaskCompleted' },
        recorded: true,
        case: { caseId, status: 'PENDING_MERCHANT_REVIEW', version: 2 },
      });
      expect(answer.runId).not.toEqual(answer.previousRunId);
      const events = await ops.eventsOf(caseId);
      expectSeqWithoutGaps(events);
      expect(events.map((event) => event.type)).toEqual(['CASE_REQUESTED', 'OPS_ACTION_RECORDED']);
      expect(events[1]).toMatchObject({ data: { action: 'RESET' }, actor: { role: 'ops', id: who.ops.sub } });

      // The new run takes actions as before.
      const approved = expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
          decisionId: `d-${randomUUID()}`,
          decision: 'APPROVE',
        }),
      );
      expect(approved.status).toBe('AWAITING_RETURN');
    });

    it('resets to the first workflow task, and the new run takes every update applied again and catches up with the log', async () => {
      const caseId = await ops.openCase();
      expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/decision`, who.merchant, {
          decisionId: `d-${randomUUID()}`,
          decision: 'APPROVE',
        }),
      );
      const trackingNumber = `SF-${randomUUID().slice(0, 8)}`;
      expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/return-shipment`, who.customer, {
          carrier: 'SF',
          trackingNumber,
        }),
      );
      const before = await ops.eventsOf(caseId);
      const first = expectStatus(
        await api.call('POST', `/v1/ops/cases/${caseId}/reset`, who.ops, {
          to: 'FIRST_WORKFLOW_TASK',
          reason: 'start over',
        }),
      );
      expect(first).toMatchObject({
        recorded: true,
        case: { caseId, status: 'RETURN_IN_TRANSIT', returnShipment: { trackingNumber } },
      });
      const afterFirst = await ops.eventsOf(caseId);
      expectSeqWithoutGaps(afterFirst);
      expect(afterFirst.map((event) => event.type)).toEqual([
        ...before.map((event) => event.type),
        'OPS_ACTION_RECORDED',
      ]);

      const last = expectStatus(
        await api.call('POST', `/v1/ops/cases/${caseId}/reset`, who.ops, {
          to: 'LAST_WORKFLOW_TASK',
          reason: 'kick it',
        }),
      );
      expect(last).toMatchObject({ recorded: true, case: { caseId, status: 'RETURN_IN_TRANSIT' } });
      const afterLast = await ops.eventsOf(caseId);
      expectSeqWithoutGaps(afterLast);
      expect(afterLast).toHaveLength(afterFirst.length + 1);
    });

    it('refuses to reset a workflow that has finished (409)', async () => {
      const caseId = await ops.openCase();
      expectStatus(
        await api.call('POST', `/v1/cases/${caseId}/cancel`, who.customer, { note: 'no longer needed' }),
      );
      const handle = api.stack.temporal.workflow.getHandle(`case-${caseId}`);
      await handle.result();
      const answer = await api.call('POST', `/v1/ops/cases/${caseId}/reset`, who.ops, {
        to: 'LAST_WORKFLOW_TASK',
        reason: 'too late',
      });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'NOT_RESETTABLE', currentStatus: 'CANCELLED' });
    });
  });

  describe('the ops CLI', () => {
    it('prints its help, and refuses an unknown command or a missing argument with exit code 2', async () => {
      const help = await cli('help');
      expect(help.code).toBe(0);
      for (const command of ['stuck', 'replay', 'reset', 'rebuild', 'metrics', 'retry-activity']) {
        expect(help.out).toContain(`\n  ${command}`);
      }
      expect(await cli('frobnicate')).toMatchObject({
        code: 2,
        err: expect.stringContaining('unknown command'),
      });
      expect(await cli('replay')).toMatchObject({ code: 2, err: expect.stringContaining('<caseId>') });
      expect(await cli('reset', waitingCaseId, '--to', 'LAST_WORKFLOW_TASK')).toMatchObject({
        code: 2,
        err: expect.stringContaining('--reason'),
      });
      expect(await cli('stuck', '--limit', 'many')).toMatchObject({ code: 2 });
    });

    it('lists stuck cases as a table, replays, resets and reports API errors', async () => {
      const overdue = await recordOldCase('REQUESTED', 12);
      const stuck = await cli('stuck', '--limit', '500');
      expect(stuck.code).toBe(0);
      expect(stuck.out).toMatch(/CASE\s+STATUS\s+REASON\s+SINCE\s+DETAIL/);
      expect(stuck.out).toMatch(new RegExp(`${overdue}\\s+PENDING_MERCHANT_REVIEW\\s+SILENT\\s+`));
      expect(stuck.out).toMatch(
        /\n\s+PAST_DEADLINE\s+\d{4}-\d{2}-\d{2} [\d:]+Z\s+the merchant response deadline/,
      );
      expect(stuck.out).toContain(`/namespaces/default/workflows/case-${overdue}`);
      const asJson = await cli('stuck', '--limit', '500', '--json');
      expect(
        (JSON.parse(asJson.out) as { items: StuckCaseItem[] }).items.map((item) => item.caseId),
      ).toContain(overdue);

      const replay = await cli('replay', waitingCaseId);
      expect(replay).toMatchObject({ code: 0, out: expect.stringMatching(/result\s+DETERMINISTIC/) });

      const caseId = await ops.openCase();
      const reset = await cli('reset', caseId, '--to', 'LAST_WORKFLOW_TASK', '--reason', 'from the CLI');
      expect(reset).toMatchObject({ code: 0, out: expect.stringMatching(/recorded\s+yes/) });
      expect((await ops.eventsOf(caseId)).pop()).toMatchObject({
        type: 'OPS_ACTION_RECORDED',
        actor: { role: 'ops', id: 'ops-cli-test' },
      });

      const missing = await cli('retry-activity', caseId, '999');
      expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('404 ACTIVITY_NOT_FOUND') });
      const metrics = await cli('metrics', '--merchant', who.merchantId);
      expect(metrics).toMatchObject({ code: 0, out: expect.stringMatching(/casesRequested\s+\d+/) });
    });
  });
});

function kinds(item: StuckCaseItem | undefined): string[] {
  return (item?.reasons ?? []).map((reason) => reason.kind).sort();
}
