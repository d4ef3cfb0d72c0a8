import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CaseView, makeCaseItem, makeTestPolicy, Policy, PolicyClocks } from '../../libs/domain/src';
import { EventStore, StoredEvent } from '../../libs/persistence/src';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  merchantDecisionUpdate,
  StartCaseInput,
} from '../../workflows/after-sales-case.definitions';
import { actors, freshRequest, recordHistory, viewWhen } from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

// Real Temporal and PostgreSQL, a window that closes while the test waits, and resets.
jest.setTimeout(120_000);

const EventType = temporal.api.enums.v1.EventType;
const { ResetReapplyType, ResetReapplyExcludeType } = temporal.api.enums.v1;

/** No clock moves a case on its own while a test looks at it. */
const LONG_CLOCKS: PolicyClocks = {
  merchantResponse: 'PT2M',
  customerShip: 'PT2M',
  warehouseInspect: 'PT2M',
  escalationWindow: 'PT2M',
  merchantEscalationAnswer: 'PT2M',
  refundAfterInspection: 'PT2M',
  replacementShip: 'PT2M',
  repairMaxDuration: 'PT2M',
};

/** A fresh-food claim may be made for this long after delivery. */
const FRESH_WINDOW_MS = 6_000;
const policy: Policy = makeTestPolicy({
  allProfiles: { freshClaimWindow: `PT${FRESH_WINDOW_MS / 1000}S`, clocks: LONG_CLOCKS },
});

describe('case log after a reset: the new run converges with the log', () => {
  let stack: TestStack;
  let store: EventStore;

  beforeAll(async () => {
    stack = await startTestStack();
    store = new EventStore(stack.runtime.dataSource);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const start = async (input: Omit<StartCaseInput, 'caseId' | 'policy' | 'actor' | 'refundTaskQueue'>) => {
    const caseId = `t-${randomUUID()}`;
    const handle = await stack.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: stack.config.caseTaskQueue,
      args: [
        {
          caseId,
          policy,
          actor: { role: 'customer', id: input.request.customerId },
          refundTaskQueue: stack.config.refundTaskQueue,
          ...input,
        } satisfies StartCaseInput,
      ],
    });
    return { caseId, handle };
  };

  const historyOf = async (handle: WorkflowHandle) => (await handle.fetchHistory()).events ?? [];

  /** Resets the run to the given WorkflowTaskCompleted event; the updates received after it are reapplied or not. */
  const resetTo = async (handle: WorkflowHandle, eventId: number, reapplyUpdates: boolean) => {
    const request = temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
      namespace: stack.config.temporalNamespace,
      workflowExecution: { workflowId: handle.workflowId },
      reason: 'test',
      workflowTaskFinishEventId: eventId,
      requestId: randomUUID(),
      resetReapplyType: ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
      resetReapplyExcludeTypes: reapplyUpdates
        ? []
        : [ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE],
    });
    const { runId } = await stack.temporal.workflowService.resetWorkflowExecution(request);
    return stack.temporal.workflow.getHandle(handle.workflowId, runId ?? undefined);
  };

  const expectGapless = (events: StoredEvent[]) =>
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));

  /** A fresh-food claim over the auto-approve limit, delivered a second ago: its window closes in a few seconds. */
  const freshClaim = (deliveredAt: Date) =>
    freshRequest({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [
        makeCaseItem({ sku: 'fresh-1', category: 'FRESH', unitPrice: { amount: 30000, currency: 'CNY' } }),
      ],
      deliveredAt: deliveredAt.toISOString(),
      evidence: [{ kind: 'PHOTO', url: 'https://example.test/spoiled.jpg' }],
    });

  it.each([
    ['decided again at the time the API received it (requestedAt)', true],
    ['refused now, the log read and its case kept, for an input from before requestedAt', false],
  ])(
    'converges when a reset to its start decides the request again after its window closed: %s',
    async (_, withRequestedAt) => {
      const requestedAt = new Date();
      const request = freshClaim(new Date(requestedAt.getTime() - 1_000));
      const { caseId, handle } = await start({
        request,
        ...(withRequestedAt ? { requestedAt: requestedAt.toISOString() } : {}),
      });
      const pending = await viewWhen(handle, (view) => view.version >= 1);
      expect(pending.status).toBe('PENDING_MERCHANT_REVIEW');
      const logged = await store.readStream(caseId);

      // The claim's window closes; only then is the run reset to its first workflow task.
      const closesAt = Date.parse(request.deliveredAt as string) + FRESH_WINDOW_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(closesAt - Date.now(), 0) + 1_000));
      const firstTask = (await historyOf(handle)).find(
        (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
      );
      const reset = await resetTo(handle, Number(firstTask?.eventId), true);

      // The new run holds the case as the log does, takes the merchant's answer after it, and ends.
      await viewWhen(reset, (view) => view.version >= logged.length);
      const approved = await reset.executeUpdate(merchantDecisionUpdate, {
        args: [{ actor: actors.merchant, decisionId: `${caseId}:approve`, decision: 'APPROVE' }],
      });
      expect(approved.version).toBeGreaterThan(logged.length);
      const logReads = (await historyOf(reset)).filter(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'readCaseEvents',
      );
      expect(logReads).toHaveLength(withRequestedAt ? 0 : 1);
      expect(await reset.result()).toMatchObject({ status: 'COMPLETED' });
      const after = await store.readStream(caseId);
      expectGapless(after);
      expect(after.slice(0, logged.length)).toEqual(logged);
      expect(after[logged.length]).toMatchObject({ type: 'CASE_APPROVED' });
    },
  );

  it('sends the request and the actions a reset delivers again in one append, and writes nothing twice', async () => {
    const request = freshRequest({
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })],
    });
    const { caseId, handle } = await start({ request, requestedAt: new Date().toISOString() });
    await viewWhen(handle, (view) => view.version >= 1);
    const rejected = await handle.executeUpdate(merchantDecisionUpdate, {
      args: [{ actor: actors.merchant, decisionId: `${caseId}:reject`, decision: 'REJECT', note: 'used' }],
    });
    expect(rejected.status).toBe('REJECTED');
    const logged = await store.readStream(caseId);

    const firstTask = (await historyOf(handle)).find(
      (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    );
    const reset = await resetTo(handle, Number(firstTask?.eventId), true);
    await viewWhen(reset, (view) => view.version === logged.length && view.status === 'REJECTED');
    const appends = (await historyOf(reset)).filter(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'appendCaseCommands',
    );
    expect(appends).toHaveLength(1);
    expect(await store.readStream(caseId)).toEqual(logged);
  });

  it('records a second carrier scan of the same type after a reset that left the first out, never merging the two', async () => {
    const { caseId, handle } = await start({
      request: freshRequest(),
      requestedAt: new Date().toISOString(),
    });
    const booked = await viewWhen(handle, (view) => !!view.returnShipment?.trackingNumber);
    const trackingNumber = booked.returnShipment?.trackingNumber as string;
    const scanIn = (eventId: string, on: WorkflowHandle) =>
      on.executeUpdate('carrierScan', {
        args: [
          {
            actor: actors.carrier,
            eventId,
            trackingNumber,
            event: 'IN_TRANSIT',
            occurredAt: new Date().toISOString(),
          },
        ],
      }) as Promise<CaseView>;
    const first = await scanIn(`${caseId}:scan-1`, handle);
    expect(first.status).toBe('RETURN_IN_TRANSIT');

    // Back to the workflow task that took the first scan, without it: the new run is one event behind the log.
    const history = await historyOf(handle);
    const accepted = history.filter(
      (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    );
    const acceptedAt = Number(accepted[accepted.length - 1].eventId);
    const task = history
      .filter(
        (event) =>
          event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED &&
          Number(event.eventId) < acceptedAt,
      )
      .pop();
    const reset = await resetTo(handle, Number(task?.eventId), false);

    const second = await scanIn(`${caseId}:scan-2`, reset);
    const log = await store.readStream(caseId);
    expectGapless(log);
    const scans = log.filter((event) => event.type === 'CARRIER_SCAN_RECORDED');
    expect(scans.map((event) => (event.data as { eventId: string }).eventId)).toEqual([
      `${caseId}:scan-1`,
      `${caseId}:scan-2`,
    ]);
    expect(second).toMatchObject({ status: 'RETURN_IN_TRANSIT', version: log.length });
    // The run and the log agree, and the run goes on appending after the log's head.
    await eventually(async () => {
      expect((await viewWhen(reset, () => true)).version).toBe((await store.readStream(caseId)).length);
    });
    await recordHistory(reset, 'carrier-scans-after-reset');
  });
});
