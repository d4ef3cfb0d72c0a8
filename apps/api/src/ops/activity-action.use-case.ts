import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionDescription } from '@temporalio/client';
import { RuntimeConfig } from '../../../../libs/config/src';
import { assertNever } from '../../../../libs/domain/src';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { OpsActionRecorder, RecordedAction } from './ops-action.recorder';
import type { ActivityActionBody } from './ops.schemas';
import { grpcMessageOf, grpcStatusOf, GRPC_STATUS, isoOf, pendingActivityStateName } from './temporal-rpc';
import { temporalUiWorkflowUrl } from './temporal-ui';

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

/** What ops may do to a failing activity. */
export type ActivityAction = 'retry' | 'pause' | 'unpause';

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

/** The workflow run and caller an activity RPC acts for. */
interface ActivityTarget {
  execution: { workflowId: string; runId: string };
  identity: string;
  caseId: string;
  activityId: string;
}

/**
 * Retries (attempts from 1, at once), pauses or unpauses a pending activity of a case's workflow;
 * with a reason, notes the action in the case's log (NOTE).
 */
@Injectable()
export class ActivityActionUseCase {
  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly temporal: TemporalConnection,
    private readonly locator: CaseWorkflowLocator,
    private readonly recorder: OpsActionRecorder,
  ) {}

  /** Runs `action` on the activity; 404 ACTIVITY_NOT_FOUND when it is not pending, 409 when the workflow is not running. */
  async execute(
    caller: TokenClaims,
    caseId: string,
    activityId: string,
    action: ActivityAction,
    body: ActivityActionBody,
  ): Promise<ActivityActionAnswer> {
    const located = await this.locator.locate(caseId);
    const description = this.locator.requireWorkflow(located);
    if (description.status.name !== 'RUNNING') {
      throw ApiError.conflict(
        'WORKFLOW_NOT_RUNNING',
        `the workflow of case ${caseId} is ${description.status.name}: it has no pending activity`,
        located.view?.status,
      );
    }
    if (!pendingActivityOf(description, activityId)) throw activityNotFound(caseId, activityId);
    const execution = { workflowId: located.workflowId, runId: description.runId };
    await this.runRpc(action, body, { execution, identity: `ops:${caller.sub}`, caseId, activityId });

    const handle = this.temporal.client.workflow.getHandle(located.workflowId, description.runId);
    const after = await handle.describe();
    const recorded = body.reason
      ? await this.recorder.record(
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

  /** The Temporal RPC of the action; its refusals as API errors. */
  private async runRpc(
    action: ActivityAction,
    body: ActivityActionBody,
    target: ActivityTarget,
  ): Promise<void> {
    const { execution, identity, activityId: id } = target;
    const namespace = this.config.temporalNamespace;
    const service = this.temporal.client.workflowService;
    try {
      switch (action) {
        case 'retry':
          await service.resetActivity({
            namespace,
            execution,
            identity,
            id,
            resetHeartbeat: true,
            keepPaused: false,
          });
          return;
        case 'pause':
          await service.pauseActivity({
            namespace,
            execution,
            identity,
            id,
            reason: body.reason ?? `paused by ${identity}`,
            requestId: randomUUID(),
          });
          return;
        case 'unpause':
          await service.unpauseActivity({
            namespace,
            execution,
            identity,
            id,
            resetAttempts: body.resetAttempts ?? false,
            resetHeartbeat: false,
          });
          return;
        default:
          return assertNever(action, 'activity action');
      }
    } catch (error) {
      throw activityRpcError(error, target.caseId, id);
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

function activityNotFound(caseId: string, activityId: string): ApiError {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    'ACTIVITY_NOT_FOUND',
    `case ${caseId} has no pending activity ${activityId}`,
  );
}

/** The API error of a refused activity RPC. */
function activityRpcError(error: unknown, caseId: string, activityId: string): unknown {
  switch (grpcStatusOf(error)) {
    case GRPC_STATUS.NOT_FOUND:
      return activityNotFound(caseId, activityId);
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
