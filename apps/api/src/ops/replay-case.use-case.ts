import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RuntimeConfig } from '../../../../libs/config/src';
import type { TokenClaims } from '../auth/tokens';
import { RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { OpsActionRecorder, RecordedAction } from './ops-action.recorder';
import type { ReplayCaseBody } from './ops.schemas';
import { temporalUiWorkflowUrl } from './temporal-ui';
import { divergedEventId, lastCompletedWorkflowTaskBefore } from './workflow-history';
import { WorkflowReplayer } from './workflow-replayer';

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

/**
 * Replays a case's current run against the workflow code this API was deployed with, and on
 * request records a deterministic replay in the case's log (REPLAY).
 */
@Injectable()
export class ReplayCaseUseCase {
  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly temporal: TemporalConnection,
    private readonly locator: CaseWorkflowLocator,
    private readonly recorder: OpsActionRecorder,
    private readonly replayer: WorkflowReplayer,
  ) {}

  /** Replays the history; the divergence and a suggested reset point when the code left it. */
  async execute(caller: TokenClaims, caseId: string, body: ReplayCaseBody): Promise<ReplayAnswer> {
    const located = await this.locator.locate(caseId);
    const description = this.locator.requireWorkflow(located);
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
    const recorded = await this.recorder.record(
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
}
