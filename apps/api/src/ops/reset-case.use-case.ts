import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionDescription } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { RuntimeConfig } from '../../../../libs/config/src';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { CaseWorkflowLocator, LocatedCase } from './case-workflow.locator';
import { OpsActionRecorder, RecordedAction } from './ops-action.recorder';
import type { ResetCaseBody } from './ops.schemas';
import { grpcMessageOf, grpcStatusOf, GRPC_STATUS } from './temporal-rpc';
import { temporalUiWorkflowUrl } from './temporal-ui';
import { resolveResetPoint, ResetPoint, ResetTargetError } from './workflow-history';

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

/**
 * Resets a case's workflow to a workflow task (the first or last completed one, or a given event),
 * reapplying the signals and updates received after it, then records the reset in the case's log
 * once the new run has caught up with the log.
 */
@Injectable()
export class ResetCaseUseCase {
  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly temporal: TemporalConnection,
    private readonly locator: CaseWorkflowLocator,
    private readonly recorder: OpsActionRecorder,
  ) {}

  /** Resets the current run to `body.to`; 409 NOT_RESETTABLE for a finished case or a refused point. */
  async execute(caller: TokenClaims, caseId: string, body: ResetCaseBody): Promise<ResetAnswer> {
    const located = await this.locator.locate(caseId);
    const description = this.locator.requireWorkflow(located);
    const status = description.status.name;
    if (status === 'COMPLETED' || status === 'CONTINUED_AS_NEW') {
      throw ApiError.conflict(
        'NOT_RESETTABLE',
        `the workflow of case ${caseId} is ${status}: a finished case is not reset`,
        located.view?.status,
      );
    }
    const point = await this.resetPoint(located, description, body);
    const runId = await this.resetTo(located, description, point, caller, body);
    const newRun = this.temporal.client.workflow.getHandle(located.workflowId, runId);
    const recorded = await this.recorder.recordAfterCatchUp(
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
      case: recorded.view ?? (await this.locator.view(caseId)),
      temporalUiUrl: temporalUiWorkflowUrl(this.config, located.workflowId, runId),
    };
  }

  /** The workflow task `body.to` names in the run's history; 400 for a bad target, 409 for a refused one. */
  private async resetPoint(
    located: LocatedCase,
    description: WorkflowExecutionDescription,
    body: ResetCaseBody,
  ): Promise<ResetPoint> {
    const handle = this.temporal.client.workflow.getHandle(located.workflowId, description.runId);
    const history = await handle.fetchHistory();
    try {
      return resolveResetPoint(history.events ?? [], body.to);
    } catch (error) {
      if (!(error instanceof ResetTargetError)) throw error;
      if (error.kind === 'INVALID_TARGET')
        throw ApiError.validation([{ field: 'to', message: error.message }]);
      throw ApiError.conflict('NOT_RESETTABLE', error.message, located.view?.status);
    }
  }

  /** Asks Temporal to reset the run to `point`; the new run's id. */
  private async resetTo(
    located: LocatedCase,
    description: WorkflowExecutionDescription,
    point: ResetPoint,
    caller: TokenClaims,
    body: ResetCaseBody,
  ): Promise<string> {
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
      return response.runId ?? '';
    } catch (error) {
      const code = grpcStatusOf(error);
      if (code === GRPC_STATUS.NOT_FOUND) throw ApiError.notFound(`case ${located.caseId}`);
      if (code === GRPC_STATUS.INVALID_ARGUMENT || code === GRPC_STATUS.FAILED_PRECONDITION) {
        throw ApiError.conflict('NOT_RESETTABLE', grpcMessageOf(error), located.view?.status);
      }
      throw error;
    }
  }
}
