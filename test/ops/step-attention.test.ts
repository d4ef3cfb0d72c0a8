import { runOpsCli } from '../../scripts/ops';
import { ApiHarness, identities, Identities, startApi } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { expectSeqWithoutGaps, expectStatus, OPS_POLICY, opsDriver } from './ops-support';

// Real Temporal and PostgreSQL: a refund the refund system refuses (4xx) waits for ops, who retry or resolve it.
jest.setTimeout(180_000);

describe('a step an outside system refused, through the ops endpoints and the CLI', () => {
  let api: ApiHarness;
  let who: Identities;
  let ops: ReturnType<typeof opsDriver>;

  beforeAll(async () => {
    api = await startApi({ policy: OPS_POLICY });
    who = identities();
    ops = opsDriver(api, who);
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const code = await runOpsCli(
      args,
      { AFTERSALES_API_URL: api.url, AUTH_JWT_SECRET: api.stack.config.authJwtSecret, OPS_ACTOR: 'ops-3' },
      { out: (text) => out.push(text), err: (text) => out.push(text) },
    );
    return { code, out: out.join('\n') };
  };

  /** A case whose refund the refund system refuses with a 422, listed for ops at once. */
  async function refusedRefund(): Promise<{ caseId: string; stepKey: string }> {
    const caseId = await ops.openCase();
    await ops.returnToWarehouse(caseId);
    await ops.inspectDefective(caseId);
    const stuck = await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'STEP_REFUSED'),
    );
    expect(stuck.status).toBe('REFUNDING');
    const view = expectStatus(await api.call('GET', `/v1/cases/${caseId}`, who.ops));
    expect(view.needsAttention).toEqual([
      {
        stepKey: expect.stringMatching(/^CALL_REFUND:[A-Za-z0-9:_-]+$/),
        step: 'CALL_REFUND',
        error: expect.objectContaining({ httpStatus: 422 }),
        since: expect.any(String),
      },
    ]);
    return { caseId, stepKey: (view.needsAttention as Array<{ stepKey: string }>)[0].stepKey };
  }

  it('retried from the CLI once the refund system takes it again, the refund is paid exactly once', async () => {
    await api.stack.sandbox.control.setFault('refund', { rejectRate: 1, rejectStatus: 422 });
    const { caseId, stepKey } = await refusedRefund();

    const notListed = await api.call('POST', `/v1/ops/cases/${caseId}/steps/BOOK_PICKUP:/retry`, who.ops, {
      reason: 'wrong step',
    });
    expect(notListed.status).toBe(409);
    const forbidden = await api.call('POST', `/v1/ops/cases/${caseId}/steps/${stepKey}/retry`, who.merchant, {
      reason: 'not mine',
    });
    expect(forbidden.status).toBe(403);

    await api.stack.sandbox.control.clearFault('refund');
    const retried = await cli(['retry-step', caseId, stepKey, '--reason', 'refund system fixed']);
    expect(retried).toMatchObject({ code: 0, out: expect.stringContaining(caseId) });
    await ops.waitForStatus(caseId, 'COMPLETED', 60_000);
    expect((await api.stack.sandbox.control.ledger(caseId)).payouts).toHaveLength(1);

    const events = await ops.eventsOf(caseId);
    expectSeqWithoutGaps(events);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'REFUND_FAILED',
        'STEP_REFUSED',
        'STEP_RETRIED',
        'REFUND_SUCCEEDED',
        'CASE_COMPLETED',
      ]),
    );
    expect(events.find((event) => event.type === 'STEP_RETRIED')).toMatchObject({
      actor: { role: 'ops', id: 'ops-3' },
      data: { stepKey, reason: 'refund system fixed' },
    });
    const again = await api.call('POST', `/v1/ops/cases/${caseId}/steps/${stepKey}/retry`, who.ops, {
      reason: 'once more',
    });
    expect(again.status).toBe(409);
    await eventually(async () => {
      expect((await ops.stuckCases()).find((item) => item.caseId === caseId)).toBeUndefined();
    });
  });

  it('resolved DONE from the CLI (paid outside), the case completes without a payout of the refund system', async () => {
    await api.stack.sandbox.control.setFault('refund', { rejectRate: 1, rejectStatus: 422 });
    const { caseId, stepKey } = await refusedRefund();

    const withoutRef = await api.call('POST', `/v1/ops/cases/${caseId}/steps/${stepKey}/resolve`, who.ops, {
      outcome: 'DONE',
      note: 'paid by bank transfer',
    });
    expect(withoutRef.status).toBe(400);
    const resolved = await cli([
      'resolve-step',
      caseId,
      stepKey,
      '--outcome',
      'DONE',
      '--external-ref',
      'bank-77',
      '--note',
      'paid by bank transfer',
    ]);
    expect(resolved.code).toBe(0);
    await ops.waitForStatus(caseId, 'COMPLETED', 60_000);
    await api.stack.sandbox.control.clearFault('refund');
    expect((await api.stack.sandbox.control.ledger(caseId)).payouts).toHaveLength(0);
    const view = expectStatus(await api.call('GET', `/v1/cases/${caseId}`, who.ops));
    expect(view).toMatchObject({
      needsAttention: [],
      resolution: { refunds: [expect.objectContaining({ status: 'SUCCEEDED' })] },
    });
    const events = await ops.eventsOf(caseId);
    expect(events.find((event) => event.type === 'STEP_RESOLVED')).toMatchObject({
      data: { stepKey, outcome: 'DONE', externalRef: 'bank-77', waived: false },
    });
  });
});
