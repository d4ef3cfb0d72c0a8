import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/app.factory';
import { ApiHarness, HttpAnswer, identities, Identities, startApi } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { BadDeployBundle, bundleBadDeploy, startWorker, stopStackWorker } from './bad-deploy';
import { expectSeqWithoutGaps, expectStatus, OPS_POLICY, opsDriver } from './ops-support';

// A webpack bundle, workers swapped twice, an outage and a reset: well beyond jest's default 5 s.
jest.setTimeout(240_000);

describe('a case broken by a non-deterministic deploy', () => {
  let api: ApiHarness;
  let who: Identities;
  let ops: ReturnType<typeof opsDriver>;
  let badDeploy: BadDeployBundle;
  let previousBundlePath: string | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    // The API replays against the prebuilt bundle the workers run (WORKFLOW_BUNDLE_PATH), as deployed.
    previousBundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    process.env.WORKFLOW_BUNDLE_PATH = process.env.AFTERSALES_WORKFLOW_BUNDLE;
    // The bad deploy: the shipped workflows with a timer before each refund (another command order).
    [api, badDeploy] = await Promise.all([startApi({ policy: OPS_POLICY }), bundleBadDeploy()]);
    who = identities();
    ops = opsDriver(api, who);
  });

  afterAll(async () => {
    await api?.stack.sandbox.control.clearFault('refund').catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await api?.stack.stop();
    if (previousBundlePath === undefined) delete process.env.WORKFLOW_BUNDLE_PATH;
    else process.env.WORKFLOW_BUNDLE_PATH = previousBundlePath;
    badDeploy?.remove();
  });

  /** `POST /v1/ops/cases/{id}/replay` on an API deployed with the bad code. */
  const replayOnBadApi = async (caseId: string): Promise<HttpAnswer> => {
    const badApi: INestApplication = await createApiApp(
      { ...api.stack.config, workflowBundlePath: badDeploy.path },
      ['error'],
    );
    cleanups.push(() => badApi.close());
    await badApi.listen(0, '127.0.0.1');
    const response = await fetch(`${await badApi.getUrl()}/v1/ops/cases/${caseId}/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token(who.ops)}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    return { status: response.status, body: (await response.json()) as HttpAnswer['body'] };
  };

  it('lists the case, shows the divergence on replay, and a reset completes it with nothing lost', async () => {
    const control = api.stack.sandbox.control;
    const caseId = await ops.openCase();
    await ops.returnToWarehouse(caseId);
    expect(
      expectStatus(await api.call('POST', `/v1/ops/cases/${caseId}/replay`, who.ops, { record: true })),
    ).toMatchObject({
      deterministic: true,
      recorded: true,
      replayedAgainst: expect.stringMatching(/bundle/),
    });

    // The bad deploy takes over while the refund system is down: the case is inspected and its refund
    // is tried, after the bad code's extra timer.
    await stopStackWorker(api.stack.runtime);
    const stopBadWorker = await startWorker(api.stack, { codePath: badDeploy.path });
    cleanups.push(stopBadWorker);
    await control.setFault('refund', { failUntilCleared: true });
    await ops.inspectDefective(caseId);
    const failing = await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'ACTIVITY_FAILING'),
    );
    const refundActivityId = failing.reasons.find((reason) => reason.kind === 'ACTIVITY_FAILING')
      ?.activityId as string;
    const before = await ops.eventsOf(caseId);

    // Rollback to the shipped code; the refund system is back and ops retry the refund at once: it is
    // paid, and the shipped code, woken by the result, cannot replay the bad code's history.
    await stopBadWorker();
    const stopGoodWorker = await startWorker(api.stack, {
      codePath: process.env.AFTERSALES_WORKFLOW_BUNDLE as string,
    });
    cleanups.push(stopGoodWorker);
    await control.clearFault('refund');
    expectStatus(
      await api.call('POST', `/v1/ops/cases/${caseId}/activities/${refundActivityId}/retry`, who.ops, {}),
    );
    await eventually(async () => expect((await control.ledger(caseId)).payouts).toHaveLength(1), 30_000);

    const stuck = await ops.stuckEntryWhen(
      caseId,
      (item) => item.reasons.some((reason) => reason.kind === 'WORKFLOW_TASK_FAILING'),
      '',
      60_000,
    );
    expect(stuck).toMatchObject({ caseId, status: 'REFUNDING' });
    const taskFailure = stuck.reasons.find((reason) => reason.kind === 'WORKFLOW_TASK_FAILING');
    expect(taskFailure?.detail).toMatch(/NON_DETERMINISTIC|[Nn]ondetermin/);
    expect(taskFailure?.attempts).toBeGreaterThanOrEqual(2);

    // Replaying against the code the API runs (the shipped one) shows where the history diverges.
    const replay = expectStatus(await api.call('POST', `/v1/ops/cases/${caseId}/replay`, who.ops, {}));
    expect(replay).toMatchObject({
      caseId,
      deterministic: false,
      kind: 'NONDETERMINISM',
      divergence: expect.stringMatching(/[Nn]ondetermin/),
      divergedAtEventId: expect.any(Number),
      suggestedResetEventId: expect.any(Number),
      recorded: false,
    });

    // Reset to the workflow task that issued the bad commands: the shipped code runs it again.
    const reset = expectStatus(
      await api.call('POST', `/v1/ops/cases/${caseId}/reset`, who.ops, {
        to: replay.suggestedResetEventId,
        reason: 'rolled back the deploy that reordered the refund step',
      }),
    );
    expect(reset).toMatchObject({
      caseId,
      runId: expect.any(String),
      previousRunId: expect.any(String),
      resetTo: { eventId: replay.suggestedResetEventId, eventType: 'WorkflowTaskCompleted' },
      recorded: true,
      case: { caseId },
    });
    expect(reset.runId).not.toBe(reset.previousRunId);
    await ops.waitForStatus(caseId, 'COMPLETED', 60_000);

    // Paid once: the reset run asked again with the same idempotency key and got the same refund.
    const ledger = await control.ledger(caseId);
    expect(ledger.payouts).toHaveLength(1);
    expect(ledger.counters.duplicatesAbsorbed).toBeGreaterThanOrEqual(1);
    const events = await ops.eventsOf(caseId);
    expectSeqWithoutGaps(events);
    // Nothing written before the reset was lost or written twice.
    expect(events.slice(0, before.length).map((event) => [event.seq, event.type])).toEqual(
      before.map((event) => [event.seq, event.type]),
    );
    const types = events.map((event) => event.type);
    for (const type of ['CASE_REQUESTED', 'INSPECTION_RECORDED', 'REFUND_REQUESTED', 'REFUND_SUCCEEDED']) {
      expect({ type, count: types.filter((candidate) => candidate === type).length }).toEqual({
        type,
        count: 1,
      });
    }
    const opsActions = events.filter((event) => event.type === 'OPS_ACTION_RECORDED');
    expect(opsActions.map((event) => event.data.action)).toEqual(['REPLAY', 'RESET']);
    expect(opsActions[1]).toMatchObject({
      actor: { role: 'ops', id: who.ops.sub },
      data: { reason: expect.stringMatching(/^rolled back the deploy that reordered the refund step/) },
    });
    await eventually(async () => {
      const listed = (await ops.stuckCases()).find((item) => item.caseId === caseId);
      expect(listed?.reasons ?? []).toEqual([]);
    });

    // The shipped code's history of the case, replayed by an API deployed with the bad code, diverges.
    const onBadCode = await replayOnBadApi(caseId);
    expect(onBadCode.status).toBe(200);
    expect(onBadCode.body).toMatchObject({
      deterministic: false,
      kind: 'NONDETERMINISM',
      divergence: expect.stringMatching(/[Nn]ondetermin/),
    });
  });
});
