import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionDescription, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { RuntimeConfig } from '../../../../libs/config/src';
import { parseIsoDuration } from '../../../../libs/domain/src';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../../../workflows/after-sales-case.definitions';
import { CASE_STATUS_ATTRIBUTE } from '../../../../workflows/search-attributes';
import { DATA_SOURCE, RUNTIME_CONFIG } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import type { StuckCasesQuery } from './ops.schemas';
import { caseSummaries, findStuckCandidates, StuckCandidateRow } from './stuck-cases.queries';
import { stepRefusalReasons } from './stuck-cases.step-refusals';
import { grpcStatusOf, isoOf, millisOf } from './temporal-rpc';
import { temporalUiWorkflowUrl } from './temporal-ui';
import { lastWorkflowTaskFailure } from './workflow-history';

/** Why a case is listed as stuck. */
export type StuckReasonKind =
  | 'PAST_DEADLINE'
  | 'SILENT'
  | 'ACTIVITY_FAILING'
  | 'ACTIVITY_PAUSED'
  | 'WORKFLOW_TASK_FAILING'
  | 'REFUND_FAILED'
  | 'SLA_BREACHED'
  | 'STEP_REFUSED';

/** One reason, with when it started; the activity fields only for the activity kinds. */
export interface StuckReason {
  kind: StuckReasonKind;
  detail: string;
  /**
   * Since when (ISO 8601): the deadline, the last event (silence, and a failing or paused activity,
   * whose step started with it), the first failure of a failing workflow task, the flag's time.
   */
  since: string;
  activityId?: string;
  activityType?: string;
  attempts?: number;
  lastError?: string;
  nextAttemptAt?: string | null;
  refundId?: string;
  /** The refused step (STEP_REFUSED), as `needsAttention[].stepKey`. */
  stepKey?: string;
  deadline?: string;
}

/** One stuck case of `GET /v1/ops/stuck-cases`. */
export interface StuckCase {
  caseId: string;
  /** The case status (read model; the CaseStatus search attribute for a case not in it yet). */
  status: string;
  merchantId: string | null;
  workflowId: string;
  /** The running workflow's run, when the Temporal side looked at it. */
  runId: string | null;
  lastEventAt: string | null;
  reasons: StuckReason[];
  /** The workflow in the Temporal Web UI (history, pending activities, stack trace). */
  temporalUiUrl: string;
}

/** The answer of `GET /v1/ops/stuck-cases`. */
export interface StuckCasesAnswer {
  items: StuckCase[];
  /** What was looked at, so a caller knows how complete the list is. */
  scanned: {
    /** Read-model candidates (deadline, silence, flags), at most `limit`. */
    readModelCandidates: number;
    /** Running case workflows described, at most `scan`. */
    runningWorkflows: number;
    /** True when more running workflows exist than `scan` allowed to describe. */
    runningWorkflowsTruncated: boolean;
  };
  thresholds: { silentFor: string; deadlineGrace: string; minAttempts: number };
  generatedAt: string;
}

/** Describes run in parallel up to this many at a time. */
const DESCRIBE_CONCURRENCY = 8;
/** One describe (or history page) may take this long before the case is skipped. */
const RPC_DEADLINE_MS = 5_000;
/** How far back from the end of a history to look for the last failed workflow task. */
const REVERSE_HISTORY_PAGE = 100;

const DEADLINE_NAMES: Record<string, string> = {
  merchantRespondBy: 'merchant response',
  customerShipBy: 'customer ship-by',
  inspectBy: 'warehouse inspection',
  escalateBy: 'escalation window',
  merchantAnswerBy: 'merchant answer to the escalation',
  refundBy: 'refund after inspection',
  replacementShipBy: 'replacement shipping',
  repairBy: 'repair',
};

/**
 * Finds the cases that need ops: from the read model (a deadline long past, silence, ops flags) and
 * from Temporal (running case workflows of this deployment's task queue whose activities keep
 * failing or are paused, or whose workflow tasks fail, e.g. non-determinism after a bad deploy).
 * Both sides are bounded: `limit` rows of the read model, `scan` workflows described.
 */
@Injectable()
export class StuckCasesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly temporal: TemporalConnection,
  ) {}

  /** The stuck cases, longest stuck first. */
  async find(query: StuckCasesQuery, now = new Date()): Promise<StuckCasesAnswer> {
    const silentForMs = parseIsoDuration(query.silentFor);
    const graceMs = parseIsoDuration(query.deadlineGrace);
    const [candidates, running] = await Promise.all([
      findStuckCandidates(this.dataSource, {
        deadlinePassedBefore: new Date(now.getTime() - graceMs),
        silentSince: new Date(now.getTime() - silentForMs),
        limit: query.limit,
      }),
      this.scanRunningWorkflows(query),
    ]);

    const cases = new Map<string, StuckCase>();
    const caseOf = (caseId: string): StuckCase => {
      const item = cases.get(caseId) ?? this.emptyStuckCase(caseId);
      cases.set(caseId, item);
      return item;
    };

    for (const row of candidates) {
      const item = caseOf(row.caseId);
      Object.assign(item, { status: row.status, merchantId: row.merchantId, lastEventAt: row.lastEventAt });
      item.reasons.push(...readModelReasons(row, now, silentForMs, graceMs));
    }
    for (const finding of running.findings) {
      const item = caseOf(finding.caseId);
      item.runId = finding.runId;
      if (item.status === 'UNKNOWN' && finding.statusAttribute) item.status = finding.statusAttribute;
      item.reasons.push(...finding.reasons);
    }

    // Cases only Temporal found: their status and last event from the read model.
    const missing = [...cases.values()]
      .filter((item) => item.lastEventAt === null)
      .map((item) => item.caseId);
    for (const [caseId, summary] of await caseSummaries(this.dataSource, missing)) {
      Object.assign(caseOf(caseId), {
        status: summary.status,
        merchantId: summary.merchantId,
        lastEventAt: summary.lastEventAt,
      });
    }

    cases.forEach(startActivityReasonsAtLastEvent);
    const items = [...cases.values()]
      .filter((item) => item.reasons.length > 0)
      .map((item) => ({ ...item, reasons: item.reasons.sort(bySince) }))
      .sort((a, b) => bySince(a.reasons[0], b.reasons[0]) || a.caseId.localeCompare(b.caseId))
      .slice(0, query.limit);
    return {
      items,
      scanned: {
        readModelCandidates: candidates.length,
        runningWorkflows: running.described,
        runningWorkflowsTruncated: running.truncated,
      },
      thresholds: {
        silentFor: query.silentFor,
        deadlineGrace: query.deadlineGrace,
        minAttempts: query.minAttempts,
      },
      generatedAt: now.toISOString(),
    };
  }

  /** A case found stuck, before its reasons and read-model facts are filled in. */
  private emptyStuckCase(caseId: string): StuckCase {
    const workflowId = caseWorkflowId(caseId);
    return {
      caseId,
      status: 'UNKNOWN',
      merchantId: null,
      workflowId,
      runId: null,
      lastEventAt: null,
      reasons: [],
      temporalUiUrl: temporalUiWorkflowUrl(this.config, workflowId),
    };
  }

  /** Lists the running case workflows of this deployment (visibility) and describes up to `scan` of them. */
  private async scanRunningWorkflows(query: StuckCasesQuery): Promise<{
    findings: Array<{ caseId: string; runId: string; statusAttribute?: string; reasons: StuckReason[] }>;
    described: number;
    truncated: boolean;
  }> {
    const executions = this.temporal.client.workflow.list({
      query:
        `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` +
        ` AND TaskQueue = '${this.config.caseTaskQueue}'`,
      pageSize: Math.min(query.scan + 1, 1000),
    });
    const prefix = caseWorkflowId('');
    const listed: Array<{ workflowId: string; runId: string; statusAttribute?: string }> = [];
    let truncated = false;
    for await (const execution of executions) {
      if (!execution.workflowId.startsWith(prefix)) continue;
      if (listed.length >= query.scan) {
        truncated = true;
        break;
      }
      listed.push({
        workflowId: execution.workflowId,
        runId: execution.runId,
        statusAttribute: execution.typedSearchAttributes.get(CASE_STATUS_ATTRIBUTE),
      });
    }

    const findings: Array<{
      caseId: string;
      runId: string;
      statusAttribute?: string;
      reasons: StuckReason[];
    }> = [];
    let next = 0;
    const worker = async () => {
      while (next < listed.length) {
        const execution = listed[next++];
        const reasons = await this.temporalReasons(execution.workflowId, execution.runId, query);
        if (reasons.length > 0) {
          findings.push({
            caseId: execution.workflowId.slice(prefix.length),
            runId: execution.runId,
            statusAttribute: execution.statusAttribute,
            reasons,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: DESCRIBE_CONCURRENCY }, worker));
    return { findings, described: listed.length, truncated };
  }

  /** What a describe of the running workflow shows: failing or paused activities, failing workflow tasks. */
  private async temporalReasons(workflowId: string, runId: string, query: StuckCasesQuery) {
    const handle = this.temporal.client.workflow.getHandle(workflowId, runId);
    let description: WorkflowExecutionDescription;
    try {
      description = await this.temporal.connection.withDeadline(Date.now() + RPC_DEADLINE_MS, () =>
        handle.describe(),
      );
    } catch (error) {
      // Closed or gone since the listing, or Temporal too slow for this one: skip it this time.
      if (error instanceof WorkflowNotFoundError || grpcStatusOf(error) !== undefined) return [];
      throw error;
    }
    const reasons: StuckReason[] = [];
    for (const activity of description.raw.pendingActivities ?? []) {
      const attempts = activity.attempt ?? 0;
      const activityType = activity.activityType?.name ?? 'unknown';
      const lastError = activity.lastFailure?.message ?? undefined;
      const since =
        isoOf(activity.lastStartedTime) ?? isoOf(activity.scheduledTime) ?? new Date().toISOString();
      const nextAttemptAt = isoOf(activity.nextAttemptScheduleTime);
      if (activity.paused) {
        reasons.push({
          kind: 'ACTIVITY_PAUSED',
          detail: `activity ${activity.activityId} (${activityType}) is paused at attempt ${attempts}`,
          since,
          activityId: activity.activityId ?? undefined,
          activityType,
          attempts,
          ...(lastError ? { lastError } : {}),
        });
      } else if (attempts >= query.minAttempts) {
        const retryIn = millisOf(activity.currentRetryInterval);
        reasons.push({
          kind: 'ACTIVITY_FAILING',
          detail:
            `activity ${activity.activityId} (${activityType}) failed ${attempts - 1} time(s)` +
            `${lastError ? `: ${lastError}` : ''}` +
            (retryIn !== null ? `; next attempt in ${Math.round(retryIn / 1000)} s` : ''),
          since,
          activityId: activity.activityId ?? undefined,
          activityType,
          attempts,
          ...(lastError ? { lastError } : {}),
          nextAttemptAt,
        });
      }
    }
    const task = description.raw.pendingWorkflowTask;
    if (task && (task.attempt ?? 0) > 1) {
      const failure = await this.lastWorkflowTaskFailure(workflowId, runId);
      reasons.push({
        kind: 'WORKFLOW_TASK_FAILING',
        detail:
          `workflow task attempt ${task.attempt} ` +
          (failure ? `failed with ${failure.cause}: ${failure.message}` : 'after failed attempts'),
        since: failure?.at ?? isoOf(task.originalScheduledTime) ?? new Date().toISOString(),
        attempts: task.attempt ?? undefined,
        ...(failure?.message ? { lastError: failure.message } : {}),
      });
    }
    return reasons;
  }

  /** The last WorkflowTaskFailed event, read from the end of the history (one bounded page). */
  private async lastWorkflowTaskFailure(workflowId: string, runId: string) {
    try {
      const page = await this.temporal.connection.withDeadline(Date.now() + RPC_DEADLINE_MS, () =>
        this.temporal.client.workflowService.getWorkflowExecutionHistoryReverse({
          namespace: this.config.temporalNamespace,
          execution: { workflowId, runId },
          maximumPageSize: REVERSE_HISTORY_PAGE,
        }),
      );
      return lastWorkflowTaskFailure(page.history?.events ?? []);
    } catch (error) {
      // Gone since the describe, or too slow: the reason is listed without the failure's details.
      if (grpcStatusOf(error) !== undefined) return undefined;
      throw error;
    }
  }
}

/** The read model's reasons for one candidate row. */
function readModelReasons(
  row: StuckCandidateRow,
  now: Date,
  silentForMs: number,
  graceMs: number,
): StuckReason[] {
  const reasons: StuckReason[] = [];
  for (const [name, due] of Object.entries(row.deadlines)) {
    if (!due || Date.parse(due) >= now.getTime() - graceMs) continue;
    reasons.push({
      kind: 'PAST_DEADLINE',
      detail: `the ${DEADLINE_NAMES[name] ?? name} deadline (${name}) passed at ${due} and the case did not move`,
      since: due,
      deadline: name,
    });
  }
  const silentMs = now.getTime() - Date.parse(row.lastEventAt);
  if (silentMs > silentForMs) {
    reasons.push({
      kind: 'SILENT',
      detail: `no event for ${formatDuration(silentMs)} (status ${row.status}, version ${row.version})`,
      since: row.lastEventAt,
    });
  }
  reasons.push(...stepRefusalReasons(row));
  for (const flag of row.flags) {
    if (flag.kind === 'REFUND_FAILED') {
      reasons.push({
        kind: 'REFUND_FAILED',
        detail: `refund ${flag.refundId} was refused for good (${flag.errorCode}); retry it with POST /v1/ops/cases/${row.caseId}/refunds/${flag.refundId}/retry`,
        since: flag.at,
        refundId: flag.refundId,
      });
    } else if (flag.kind === 'SLA_BREACHED') {
      reasons.push({
        kind: 'SLA_BREACHED',
        detail: `the ${flag.clock} SLA was due at ${flag.dueAt}`,
        since: flag.dueAt,
      });
    }
  }
  return reasons;
}

function bySince(a: StuckReason, b: StuckReason): number {
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0;
}

/** A duration as `3d 4h`, `5h 12m`, `42m` or `17s`. */
function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const [d, h, m, s] = [
    Math.floor(seconds / 86400),
    Math.floor((seconds % 86400) / 3600),
    Math.floor((seconds % 3600) / 60),
    seconds % 60,
  ];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** Temporal keeps no first-attempt time of an activity; the step started with the case's last event. */
function startActivityReasonsAtLastEvent(item: StuckCase): void {
  for (const reason of item.reasons) {
    if (reason.kind.startsWith('ACTIVITY_') && item.lastEventAt && item.lastEventAt < reason.since) {
      reason.since = item.lastEventAt;
    }
  }
}
