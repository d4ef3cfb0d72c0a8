import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  WorkflowExecutionDescription,
  WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { RuntimeConfig } from '../../../../libs/config/src';
import { assertNever } from '../../../../libs/domain/src';
import { CaseViewQueries, EventStore } from '../../../../libs/persistence/src';
import {
  caseViewQuery,
  CaseViewPayload,
  caseWorkflowId,
  OpsActionInput,
  opsActionUpdate,
  retryRefundUpdate,
} from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { isCaseIdShaped } from '../cases/case-id';
import { ApiError } from '../common/api-error';
import { DATA_SOURCE, RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';
import type { ActivityActionBody, RefundRetryBody, ReplayCaseBody, ResetCaseBody } from './ops.schemas';
import { pendingActivityStateName } from './stuck-cases.service';
import { grpcMessageOf, grpcStatusOf, GRPC_STATUS, isoOf } from './temporal-rpc';
import { temporalUiWorkflowUrl } from './temporal-ui';
import {
  divergedEventId,
  lastCompletedWorkflowTaskBefore,
  resolveResetPoint,
  ResetPoint,
  ResetTargetError,
} from './workflow-history';
import { WorkflowReplayer } from './workflow-replayer';

/** How long recording an ops action in the case's log may take before the answer says it was not. */
const RECORD_TIMEOUT_MS = 10_000;
/** How long a reset run may take to re-execute up to the log's version before the RESET is recorded. */
const CATCH_UP_TIMEOUT_MS = 30_000;
const CATCH_UP_POLL_MS = 250;

/** Whether an ops action made it into the case's log, and if not, why. */
export interface RecordedAction {
  recorded: boolean;
  /** Why it was not recorded (the workflow did not take the update in time, or is not running). */
  recordError?: string;
}

/** `POST /v1/ops/cases/{id}/replay`. */
export interface ReplayAnswer extends RecordedAction {
  caseId: string;
  workflowId: string;
  runId: string;
  workflowStatus: string;
  historyLength: number;
  deterministic: boolean;
  /** Present when not deterministic: NONDETERMINISM (other commands) or WORKFLOW_TASK_FAILURE (the code throws). */
  kind?: 'NONDETERMINISM' | 'WORKFLOW_TASK_FAILURE';
  divergence?: string;
  /** The history event where the code first left the history, when the divergence names it. */
  divergedAtEventId?: number;
  /**
   * Where a reset would run the diverging workflow task again with the current code: the last
   * WorkflowTaskCompleted before the divergence (`to` of the reset endpoint).
   */
  suggestedResetEventId?: number;
  /** The code the history was replayed against. */
  replayedAgainst: string;
  temporalUiUrl: string;
}

/** `POST /v1/ops/cases/{id}/reset`. */
export interface ResetAnswer extends RecordedAction {
  caseId: string;
  workflowId: string;
  previousRunId: string;
  runId: string;
  resetTo: ResetPoint;
  /** The case view: the new run's answer to the RESET record, else the read model's. */
  case: CaseViewPayload | null;
  temporalUiUrl: string;
}

/** A pending activity of a case workflow as the activity endpoints answer it. */
export interface PendingActivity {
  activityId: string;
  activityType: string;
  state: string;
  attempt: number;
  paused: boolean;
  lastError: string | null;
  lastStartedAt: string | null;
  nextAttemptAt: string | null;
}

/** `POST /v1/ops/cases/{id}/activities/{activityId}/{retry|pause|unpause}`. */
export interface ActivityActionAnswer extends RecordedAction {
  caseId: string;
  workflowId: string;
  runId: string;
  action: ActivityAction;
  /** The activity after the action; null once it is no longer pending (it completed meanwhile). */
  activity: PendingActivity | null;
  temporalUiUrl: string;
}

/** What ops may do to a failing activity. */
export type ActivityAction = 'retry' | 'pause' | 'unpause';

/** A case as the ops actions find it: its read-model view and its workflow's current run. */
interface LocatedCase {
  caseId: string;
  workflowId: string;
  view: CaseViewPayload | null;
  description: WorkflowExecutionDescription | null;
}

/**
 * The ops actions on one case's workflow: replay its history against the deployed code, reset it to
 * a workflow task (keeping signals and updates), retry, pause or unpause a failing activity, retry a
 * refund the refund system refused for good. Each action that changes the case is recorded in its
 * event log (OPS_ACTION_RECORDED) through the workflow's `opsAction` update.
 */
@Injectable()
export class CaseWorkflowOpsService {
  private readonly views: CaseViewQueries<CaseViewPayload>;
  private readonly eventStore: EventStore;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly temporal: TemporalConnection,
    private readonly replayer: WorkflowReplayer,
  ) {
    this.views = new CaseViewQueries<CaseViewPayload>(dataSource);
    this.eventStore = new EventStore(dataSource);
  }

  /** Replays the current run's history against the workflow code this API was deployed with. */
  async replay(caller: TokenClaims, caseId: string, body: ReplayCaseBody): Promise<ReplayAnswer> {
    const located = await this.locate(caseId);
    const description = this.requireWorkflow(located);
    const handle = this.temporal.client.workflow.getHandle(located.workflowId, description.runId);
    const history = await handle.fetchHistory();
    const outcome = await this.replayer.replay(history, located.workflowId);
    const divergedAt = outcome.deterministic ? undefined : divergedEventId(outcome.divergence);
    const resetPoint =
      divergedAt === undefined
        ? undefined
        : lastCompletedWorkflowTaskBefore(history.events ?? [], divergedAt);
    const answer: ReplayAnswer = {
      caseId,
      workflowId: located.workflowId,
      runId: description.runId,
      workflowStatus: description.status.name,
      historyLength: history.events?.length ?? 0,
      ...outcome,
      ...(divergedAt !== undefined ? { divergedAtEventId: divergedAt } : {}),
      ...(resetPoint ? { suggestedResetEventId: resetPoint.eventId } : {}),
      replayedAgainst: this.replayer.codeSource,
      temporalUiUrl: temporalUiWorkflowUrl(this.config, located.workflowId, description.runId),
      recorded: false,
    };
    if (!body.record) return answer;
    if (!outcome.deterministic || description.status.name !== 'RUNNING') {
      return {
        ...answer,
        recordError: outcome.deterministic
          ? `the workflow is ${description.status.name}: nothing to record into`
          : 'not recorded: the workflow cannot take an update while its code diverges from its history',
      };
    }
    const recorded = await this.recordOpsAction(
      handle,
      {
        action: 'REPLAY',
        reason: body.reason ?? `replayed ${answer.historyLength} history events: deterministic`,
        actor: { role: caller.role, id: caller.sub },
      },
      `ops-replay:${randomUUID()}`,
    );
    return { ...answer, ...recorded.result };
  }

  /**
   * Resets the case's workflow to a workflow task (the first or last completed one, or a given event),
   * reapplying the signals and updates received after it, then records the reset in the case's log
   * once the new run has caught up with the log.
   */
  async reset(caller: TokenClaims, caseId: string, body: ResetCaseBody): Promise<ResetAnswer> {
    const located = await this.locate(caseId);
    const description = this.requireWorkflow(located);
    const status = description.status.name;
    if (status === 'COMPLETED' || status === 'CONTINUED_AS_NEW') {
      throw ApiError.conflict(
        'NOT_RESETTABLE',
        `the workflow of case ${caseId} is ${status}: a finished case is not reset`,
        located.view?.status,
      );
    }
    const handle = this.temporal.client.workflow.getHandle(located.workflowId, description.runId);
    const history = await handle.fetchHistory();
    let point: ResetPoint;
    try {
      point = resolveResetPoint(history.events ?? [], body.to);
    } catch (error) {
      if (!(error instanceof ResetTargetError)) throw error;
      if (error.kind === 'INVALID_TARGET')
        throw ApiError.validation([{ field: 'to', message: error.message }]);
      throw ApiError.conflict('NOT_RESETTABLE', error.message, located.view?.status);
    }

    let runId: string;
    try {
      const response = await this.temporal.client.workflowService.resetWorkflowExecution(
        temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest.fromObject({
          namespace: this.config.temporalNamespace,
          workflowExecution: { workflowId: located.workflowId, runId: description.runId },
          reason: `${body.reason} (ops ${caller.sub})`,
          workflowTaskFinishEventId: point.eventId,
          requestId: body.requestId ?? randomUUID(),
          // Signals and updates received after the reset point are delivered again to the new run.
          resetReapplyType: temporal.api.enums.v1.ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
        }),
      );
      runId = response.runId ?? '';
    } catch (error) {
      const code = grpcStatusOf(error);
      if (code === GRPC_STATUS.NOT_FOUND) throw ApiError.notFound(`case ${caseId}`);
      if (code === GRPC_STATUS.INVALID_ARGUMENT || code === GRPC_STATUS.FAILED_PRECONDITION) {
        throw ApiError.conflict('NOT_RESETTABLE', grpcMessageOf(error), located.view?.status);
      }
      throw error;
    }

    const newRun = this.temporal.client.workflow.getHandle(located.workflowId, runId);
    const recorded = await this.recordAfterCatchUp(
      caseId,
      newRun,
      {
        action: 'RESET',
        reason:
          `${body.reason} [reset to event ${point.eventId} (${point.eventType}) ` +
          `of run ${description.runId}; new run ${runId}]`,
        actor: { role: caller.role, id: caller.sub },
      },
      `ops-reset:${runId}`,
    );
    return {
      caseId,
      workflowId: located.workflowId,
      previousRunId: description.runId,
      runId,
      resetTo: point,
      ...recorded.result,
      case: recorded.view ?? (await this.views.getById(caseId)),
      temporalUiUrl: temporalUiWorkflowUrl(this.config, located.workflowId, runId),
    };
  }

  /** Retries (attempts from 1, at once), pauses or unpauses a pending activity of the case's workflow. */
  async activityAction(
    caller: TokenClaims,
    caseId: string,
    activityId: string,
    action: ActivityAction,
    body: ActivityActionBody,
  ): Promise<ActivityActionAnswer> {
    const located = await this.locate(caseId);
    const description = this.requireWorkflow(located);
    if (description.status.name !== 'RUNNING') {
      throw ApiError.conflict(
        'WORKFLOW_NOT_RUNNING',
        `the workflow of case ${caseId} is ${description.status.name}: it has no pending activity`,
        located.view?.status,
      );
    }
    if (!pendingActivityOf(description, activityId)) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'ACTIVITY_NOT_FOUND',
        `case ${caseId} has no pending activity ${activityId}`,
      );
    }
    const execution = { workflowId: located.workflowId, runId: description.runId };
    const identity = `ops:${caller.sub}`;
    const namespace = this.config.temporalNamespace;
    const service = this.temporal.client.workflowService;
    try {
      switch (action) {
        case 'retry':
          await service.resetActivity({
            namespace,
            execution,
            identity,
            id: activityId,
            resetHeartbeat: true,
            keepPaused: false,
          });
          break;
        case 'pause':
          await service.pauseActivity({
            namespace,
            execution,
            identity,
            id: activityId,
            reason: body.reason ?? `paused by ${identity}`,
            requestId: randomUUID(),
          });
          break;
        case 'unpause':
          await service.unpauseActivity({
            namespace,
            execution,
            identity,
            id: activityId,
            resetAttempts: body.resetAttempts ?? false,
            resetHeartbeat: false,
          });
          break;
        default:
          return assertNever(action, 'activity action');
      }
    } catch (error) {
      throw activityRpcError(error, caseId, activityId);
    }

    const handle = this.temporal.client.workflow.getHandle(located.workflowId, description.runId);
    const after = await handle.describe();
    const recorded = body.reason
      ? await this.recordOpsAction(
          handle,
          {
            action: 'NOTE',
            reason: `${action} of activity ${activityId} (${activityTypeOf(description, activityId)}): ${body.reason}`,
            actor: { role: caller.role, id: caller.sub },
          },
          `ops-activity-${action}:${activityId}:${randomUUID()}`,
        )
      : { result: { recorded: false } };
    return {
      caseId,
      workflowId: located.workflowId,
      runId: description.runId,
      action,
      activity: pendingActivityOf(after, activityId) ?? null,
      ...recorded.result,
      temporalUiUrl: temporalUiWorkflowUrl(this.config, located.workflowId, description.runId),
    };
  }

  /** Asks the workflow to request a refund refused for good again (same refund id and idempotency key). */
  async retryRefund(
    caller: TokenClaims,
    caseId: string,
    refundId: string,
    body: RefundRetryBody,
  ): Promise<CaseViewPayload> {
    const located = await this.locate(caseId);
    const view = located.view;
    const refund = view?.resolution?.refunds.find((candidate) => candidate.refundId === refundId);
    if (!view || !refund) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'REFUND_NOT_FOUND',
        `case ${caseId} has no refund ${refundId}`,
      );
    }
    if (!located.description || located.description.status.name !== 'RUNNING') {
      throw ApiError.conflict(
        'CASE_CLOSED',
        `case ${caseId} is ${view.status} and its workflow is not running`,
        view.status,
      );
    }
    const handle = this.temporal.client.workflow.getHandle(located.workflowId);
    try {
      return await handle.executeUpdate(retryRefundUpdate, {
        args: [{ refundId, reason: body.reason, actor: { role: caller.role, id: caller.sub } }],
        // One retry per failure: a repeat of the request while the case stands still joins the first.
        updateId: `retry-refund:${refundId}:${body.retryId ?? `v${view.version}`}`,
      });
    } catch (error) {
      const mapped = updateFailureToApiError(error);
      if (mapped) throw mapped;
      if (error instanceof WorkflowNotFoundError) {
        throw ApiError.conflict('CASE_CLOSED', `case ${caseId} is ${view.status}`, view.status);
      }
      throw error;
    }
  }

  /** The case's view and its workflow's current run; 404 when neither the read model nor Temporal knows it. */
  private async locate(caseId: string): Promise<LocatedCase> {
    if (!isCaseIdShaped(caseId)) throw ApiError.notFound(`case ${caseId}`);
    const workflowId = caseWorkflowId(caseId);
    const [view, description] = await Promise.all([
      this.views.getById(caseId),
      this.temporal.client.workflow
        .getHandle(workflowId)
        .describe()
        .catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return null;
          throw error;
        }),
    ]);
    if (!view && !description) throw ApiError.notFound(`case ${caseId}`);
    return { caseId, workflowId, view, description };
  }

  private requireWorkflow(located: LocatedCase): WorkflowExecutionDescription {
    if (located.description) return located.description;
    throw ApiError.conflict(
      'WORKFLOW_GONE',
      `case ${located.caseId} has no workflow history any more (past the namespace's retention)`,
      located.view?.status,
    );
  }

  /**
   * Records `input` once the reset run has re-executed up to the log's version: an event recorded
   * before would be appended at a version the log already holds.
   */
  private async recordAfterCatchUp(
    caseId: string,
    handle: WorkflowHandle,
    input: OpsActionInput,
    updateId: string,
  ): Promise<{ result: RecordedAction; view?: CaseViewPayload }> {
    const logVersion = await this.eventStore.streamVersion(caseId);
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    let workflowVersion = -1;
    while (Date.now() < deadline) {
      try {
        workflowVersion = (
          await this.temporal.connection.withDeadline(Date.now() + RECORD_TIMEOUT_MS, () =>
            handle.query(caseViewQuery),
          )
        ).version;
      } catch {
        // Not started yet, or still replaying: the query fails until the case is back.
        workflowVersion = -1;
      }
      if (workflowVersion >= logVersion) return this.recordOpsAction(handle, input, updateId);
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
    return {
      result: {
        recorded: false,
        recordError:
          `the new run has not caught up with the case's log within ${CATCH_UP_TIMEOUT_MS / 1000} s ` +
          `(workflow at version ${workflowVersion}, log at ${logVersion}); look at it in the Temporal UI`,
      },
    };
  }

  /** Sends the `opsAction` update (bounded): the event's answer is the view, or why it was not recorded. */
  private async recordOpsAction(
    handle: WorkflowHandle,
    input: OpsActionInput,
    updateId: string,
  ): Promise<{ result: RecordedAction; view?: CaseViewPayload }> {
    try {
      const view = await this.temporal.connection.withDeadline(Date.now() + RECORD_TIMEOUT_MS, () =>
        handle.executeUpdate(opsActionUpdate, { args: [input], updateId }),
      );
      return { result: { recorded: true }, view };
    } catch (error) {
      const message =
        error instanceof WorkflowUpdateFailedError
          ? (error.cause?.message ?? error.message)
          : grpcStatusOf(error) !== undefined
            ? `the workflow did not take the update within ${RECORD_TIMEOUT_MS / 1000} s (${grpcMessageOf(error)}); it may still be recorded once the workflow runs again`
            : error instanceof Error
              ? error.message
              : String(error);
      return { result: { recorded: false, recordError: message } };
    }
  }
}

/** The pending activity `activityId` of a described workflow. */
function pendingActivityOf(
  description: WorkflowExecutionDescription,
  activityId: string,
): PendingActivity | undefined {
  const activity = (description.raw.pendingActivities ?? []).find(
    (candidate) => candidate.activityId === activityId,
  );
  if (!activity) return undefined;
  return {
    activityId,
    activityType: activity.activityType?.name ?? 'unknown',
    state: pendingActivityStateName(activity.state),
    attempt: activity.attempt ?? 0,
    paused: activity.paused ?? false,
    lastError: activity.lastFailure?.message ?? null,
    lastStartedAt: isoOf(activity.lastStartedTime),
    nextAttemptAt: isoOf(activity.nextAttemptScheduleTime),
  };
}

function activityTypeOf(description: WorkflowExecutionDescription, activityId: string): string {
  return pendingActivityOf(description, activityId)?.activityType ?? 'unknown';
}

/** The API error of a refused activity RPC. */
function activityRpcError(error: unknown, caseId: string, activityId: string): unknown {
  switch (grpcStatusOf(error)) {
    case GRPC_STATUS.NOT_FOUND:
      return new ApiError(
        HttpStatus.NOT_FOUND,
        'ACTIVITY_NOT_FOUND',
        `case ${caseId} has no pending activity ${activityId}`,
      );
    case GRPC_STATUS.INVALID_ARGUMENT:
    case GRPC_STATUS.FAILED_PRECONDITION:
      return ApiError.conflict('ACTIVITY_ACTION_REFUSED', grpcMessageOf(error));
    case GRPC_STATUS.UNIMPLEMENTED:
    case GRPC_STATUS.PERMISSION_DENIED:
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'TEMPORAL_FEATURE_UNAVAILABLE',
        `the Temporal server refuses activity operations: ${grpcMessageOf(error)}`,
      );
    default:
      return error;
  }
}
