/** Why a case is listed as stuck (`GET /v1/ops/stuck-cases`, `reasons[].kind`). */
export type StuckReasonKind =
  | 'PAST_DEADLINE'
  | 'SILENT'
  | 'ACTIVITY_FAILING'
  | 'ACTIVITY_PAUSED'
  | 'WORKFLOW_TASK_FAILING'
  | 'REFUND_FAILED'
  | 'SLA_BREACHED'
  | 'STEP_REFUSED';

/** One reason of a stuck case; the activity, refund and step fields only for their kinds. */
export interface StuckReason {
  kind: StuckReasonKind;
  detail: string;
  since: string;
  activityId?: string;
  activityType?: string;
  attempts?: number;
  lastError?: string;
  nextAttemptAt?: string | null;
  refundId?: string;
  stepKey?: string;
  deadline?: string;
}

/** One stuck case. */
export interface StuckCase {
  caseId: string;
  status: string;
  merchantId: string | null;
  workflowId: string;
  runId: string | null;
  lastEventAt: string | null;
  reasons: StuckReason[];
  temporalUiUrl: string;
}

/** `GET /v1/ops/stuck-cases`. */
export interface StuckCasesAnswer {
  items: StuckCase[];
  scanned: { readModelCandidates: number; runningWorkflows: number; runningWorkflowsTruncated: boolean };
  thresholds: { silentFor: string; deadlineGrace: string; minAttempts: number };
  generatedAt: string;
}

/** `POST /v1/ops/cases/{id}/replay`. */
export interface ReplayAnswer {
  caseId: string;
  runId: string;
  historyLength: number;
  deterministic: boolean;
  kind?: 'NONDETERMINISM' | 'WORKFLOW_TASK_FAILURE';
  divergence?: string;
  divergedAtEventId?: number;
  suggestedResetEventId?: number;
  replayedAgainst: string;
  recorded: boolean;
  temporalUiUrl: string;
}

/** `POST /v1/ops/cases/{id}/reset`. */
export interface ResetAnswer {
  caseId: string;
  previousRunId: string;
  runId: string;
  resetTo: { eventId: number; eventType: string; eventTime: string | null };
  recorded: boolean;
  recordError?: string;
  case: { status: string } | null;
}

/** The answer of the activity actions. */
export interface ActivityActionAnswer {
  action: 'retry' | 'pause' | 'unpause';
  activity: { activityId: string; activityType: string; attempt: number; paused: boolean } | null;
  recorded: boolean;
}

/** Where a reset runs the workflow again from: a named workflow task, or a history event id. */
export type ResetTarget = 'LAST_WORKFLOW_TASK' | 'FIRST_WORKFLOW_TASK' | number;
