import { ApiHarness, identities, Identities, startApi } from '../e2e/e2e-support';
import { eventually } from '../support/eventually';
import { EventItem, expectSeqWithoutGaps, expectStatus, OPS_POLICY, opsDriver } from './ops-support';

// Real Temporal, PostgreSQL and an outage of the refund system: jest's default 5 s is far too short.
jest.setTimeout(180_000);

describe('a case stuck on a failing refund activity', () => {
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

  it('is listed with the failing activity, can be paused and retried, and pays exactly once', async () => {
    const control = api.stack.sandbox.control;
    const caseId = await ops.openCase();
    await ops.returnToWarehouse(caseId);
    await control.setFault('refund', { failUntilCleared: true });
    await ops.inspectDefective(caseId);
    await ops.waitForStatus(caseId, 'REFUNDING');

    // The refund system is down: the refund activity keeps failing, and ops see it with its last error.
    const stuck = await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'ACTIVITY_FAILING' && (reason.attempts ?? 0) >= 2),
    );
    const failing = stuck.reasons.find((reason) => reason.kind === 'ACTIVITY_FAILING');
    expect(stuck).toMatchObject({
      caseId,
      status: 'REFUNDING',
      workflowId: `case-${caseId}`,
      temporalUiUrl: expect.stringMatching(new RegExp(`/namespaces/default/workflows/case-${caseId}$`)),
    });
    expect(failing).toMatchObject({
      activityType: 'issueRefund',
      activityId: expect.any(String),
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      lastError: expect.stringMatching(/unavailable/i),
    });
    const activityId = failing?.activityId as string;

    // Pause it: no more attempts, and the list says so.
    const paused = expectStatus(
      await api.call('POST', `/v1/ops/cases/${caseId}/activities/${activityId}/pause`, who.ops, {
        reason: 'refund system outage, waiting for the provider',
      }),
    );
    expect(paused).toMatchObject({ action: 'pause', recorded: true, activity: { activityId, paused: true } });
    await ops.stuckEntryWhen(caseId, (item) =>
      item.reasons.some((reason) => reason.kind === 'ACTIVITY_PAUSED'),
    );

    // Unpaused with its attempts counted afresh, it fails again while the outage lasts.
    const unpaused = expectStatus(
      await api.call('POST', `/v1/ops/cases/${caseId}/activities/${activityId}/unpause`, who.ops, {
        resetAttempts: true,
      }),
    );
    expect(unpaused).toMatchObject({ action: 'unpause', recorded: false, activity: { paused: false } });

    // The provider is back: retry at once instead of waiting for the backoff.
    await control.clearFault('refund');
    const retried = expectStatus(
      await api.call('POST', `/v1/ops/cases/${caseId}/activities/${activityId}/retry`, who.ops, {
        reason: 'refund system is back',
      }),
    );
    expect(retried).toMatchObject({ caseId, action: 'retry', recorded: true });
    await ops.waitForStatus(caseId, 'COMPLETED', 60_000);

    const ledger = await control.ledger(caseId);
    expect(ledger.payouts).toHaveLength(1);
    expect(ledger.payouts[0]).toMatchObject({ caseId, amount: { amount: 32999, currency: 'CNY' } });

    const events = await ops.eventsOf(caseId);
    expectSeqWithoutGaps(events);
    expect(events.filter((event) => event.type === 'REFUND_SUCCEEDED')).toHaveLength(1);
    expect(opsNotes(events)).toEqual([
      expect.stringMatching(/^pause of activity \d+ \(issueRefund\): refund system outage/),
      expect.stringMatching(/^retry of activity \d+ \(issueRefund\): refund system is back/),
    ]);
    await eventually(async () => {
      const listed = (await ops.stuckCases()).find((item) => item.caseId === caseId);
      expect(listed).toBeUndefined();
    });
  });

  it('answers 404 for an activity that is not pending and for an unknown case', async () => {
    const caseId = await ops.openCase();
    const notPending = await api.call('POST', `/v1/ops/cases/${caseId}/activities/999/retry`, who.ops, {});
    expect(notPending.status).toBe(404);
    expect(notPending.body.error?.code).toBe('ACTIVITY_NOT_FOUND');
    const unknown = await api.call('POST', `/v1/ops/cases/no-such-case/activities/1/pause`, who.ops, {});
    expect(unknown.status).toBe(404);
  });
});

/** The reasons of the NOTE ops actions in a case's log. */
function opsNotes(events: EventItem[]): string[] {
  return events
    .filter((event) => event.type === 'OPS_ACTION_RECORDED' && event.data.action === 'NOTE')
    .map((event) => String(event.data.reason));
}
