import { z } from 'zod';
import { caseViewSchema } from '../cases/case-view.schema';
import { namedSchema } from '../common/openapi-components';

// The answers of the ops endpoints as OpenAPI components (a generated client types them).

const instant = () => z.iso.datetime({ offset: true });
const recorded = {
  recorded: z.boolean().describe("Whether the action was recorded in the case's log."),
  recordError: z.string().optional().describe('Why it was not recorded.'),
};

/** `GET /v1/ops/stuck-cases`. */
export const STUCK_CASES_SCHEMA = namedSchema(
  'StuckCases',
  z.object({
    items: z.array(
      z.object({
        caseId: z.string(),
        status: z.string(),
        merchantId: z.string().nullable(),
        workflowId: z.string(),
        runId: z.string().nullable(),
        lastEventAt: instant().nullable(),
        reasons: z.array(
          z.object({
            kind: z.enum([
              'PAST_DEADLINE',
              'SILENT',
              'ACTIVITY_FAILING',
              'ACTIVITY_PAUSED',
              'WORKFLOW_TASK_FAILING',
              'REFUND_FAILED',
              'SLA_BREACHED',
              'STEP_REFUSED',
            ]),
            detail: z.string(),
            since: instant(),
            activityId: z.string().optional(),
            activityType: z.string().optional(),
            attempts: z.int().optional(),
            lastError: z.string().optional(),
            nextAttemptAt: instant().nullable().optional(),
            refundId: z.string().optional(),
            stepKey: z.string().optional(),
            deadline: instant().optional(),
          }),
        ),
        temporalUiUrl: z.string().describe('The workflow in the Temporal Web UI.'),
      }),
    ),
    scanned: z.object({
      readModelCandidates: z.int(),
      runningWorkflows: z.int(),
      runningWorkflowsTruncated: z.boolean(),
    }),
    thresholds: z.object({ silentFor: z.string(), deadlineGrace: z.string(), minAttempts: z.int() }),
    generatedAt: instant(),
  }),
);

/** `POST /v1/ops/cases/{id}/replay`. */
export const REPLAY_ANSWER_SCHEMA = namedSchema(
  'ReplayAnswer',
  z.object({
    ...recorded,
    caseId: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    workflowStatus: z.string(),
    historyLength: z.int(),
    deterministic: z.boolean(),
    kind: z.enum(['NONDETERMINISM', 'WORKFLOW_TASK_FAILURE']).optional(),
    divergence: z.string().optional(),
    divergedAtEventId: z.int().optional(),
    suggestedResetEventId: z.int().optional(),
    replayedAgainst: z.string(),
    temporalUiUrl: z.string(),
  }),
);

/** `POST /v1/ops/cases/{id}/reset`. */
export const RESET_ANSWER_SCHEMA = namedSchema(
  'ResetAnswer',
  z.object({
    ...recorded,
    caseId: z.string(),
    workflowId: z.string(),
    previousRunId: z.string(),
    runId: z.string(),
    resetTo: z.object({ eventId: z.int(), eventType: z.string(), eventTime: instant().nullable() }),
    case: caseViewSchema
      .nullable()
      .describe("The case view after the reset (the read model's when the run did not answer)."),
    temporalUiUrl: z.string(),
  }),
);

/** `POST /v1/ops/cases/{id}/activities/{activityId}/{retry|pause|unpause}`. */
export const ACTIVITY_ACTION_SCHEMA = namedSchema(
  'ActivityActionAnswer',
  z.object({
    ...recorded,
    caseId: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    action: z.enum(['retry', 'pause', 'unpause']),
    activity: z
      .object({
        activityId: z.string(),
        activityType: z.string(),
        state: z.string(),
        attempt: z.int(),
        paused: z.boolean(),
        lastError: z.string().nullable(),
        lastStartedAt: instant().nullable(),
        nextAttemptAt: instant().nullable(),
      })
      .nullable()
      .describe('The activity after the action; null once it is no longer pending.'),
    temporalUiUrl: z.string(),
  }),
);

/** `POST /v1/ops/projections/rebuild`. */
export const REBUILD_ANSWER_SCHEMA = namedSchema(
  'RebuildAnswer',
  z.object({
    caseViews: z
      .looseObject({ streams: z.int(), views: z.int(), events: z.int(), swapped: z.boolean() })
      .describe('The case views rebuilt beside the live table and swapped in, with what differed.'),
    projections: z.array(z.object({ name: z.string(), events: z.int() })),
    durationMs: z.int(),
  }),
);
