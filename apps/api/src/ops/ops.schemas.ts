import { z } from 'zod';
import { tryParseIsoDuration } from '../../../../libs/domain/src';
import { identifier } from '../common/field-patterns';

/** Default silence after which an open case counts as stuck. */
export const DEFAULT_SILENT_FOR = 'PT24H';
/** Default grace after a deadline before a case still holding it counts as stuck. */
export const DEFAULT_DEADLINE_GRACE = 'PT5M';
/** Default number of stuck cases answered (and of read-model rows looked at). */
export const STUCK_DEFAULT_LIMIT = 50;
/** Largest `limit` of the stuck-cases query. */
export const STUCK_MAX_LIMIT = 500;
/** Default number of running case workflows described per request. */
export const STUCK_DEFAULT_SCAN = 200;
/** Largest `scan` of the stuck-cases query. */
export const STUCK_MAX_SCAN = 2000;

const isoDuration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((text) => (tryParseIsoDuration(text) ?? 0) > 0, 'a positive ISO 8601 duration such as PT24H');

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** `GET /v1/ops/stuck-cases` query. */
export const stuckCasesQuerySchema = z.strictObject({
  /** An open case with no event for this long is silent (ISO 8601 duration). */
  silentFor: isoDuration(DEFAULT_SILENT_FOR),
  /** How long past a deadline a case may still hold it before it counts as stuck. */
  deadlineGrace: isoDuration(DEFAULT_DEADLINE_GRACE),
  /** An activity counts as failing from this attempt on. */
  minAttempts: count(2, 100),
  /** At most this many cases are answered. */
  limit: count(STUCK_DEFAULT_LIMIT, STUCK_MAX_LIMIT),
  /** At most this many running case workflows are described (the Temporal side of the work). */
  scan: count(STUCK_DEFAULT_SCAN, STUCK_MAX_SCAN),
});

/** A validated stuck-cases query. */
export type StuckCasesQuery = z.infer<typeof stuckCasesQuerySchema>;

const reason = () => z.string().trim().min(1).max(500);

/** `POST /v1/ops/cases/{id}/replay`: optionally record the check in the case's log. */
export const replayCaseSchema = z.strictObject({
  /** Record an OPS_ACTION_RECORDED (REPLAY) event when the replay is deterministic (default false). */
  record: z.boolean().default(false),
  reason: reason().optional(),
});

/** A validated replay body. */
export type ReplayCaseBody = z.infer<typeof replayCaseSchema>;

/** `POST /v1/ops/cases/{id}/reset`. */
export const resetCaseSchema = z.strictObject({
  to: z.union([
    z.enum(['LAST_WORKFLOW_TASK', 'FIRST_WORKFLOW_TASK']),
    z.int().min(1, 'a history event id (a WorkflowTaskCompleted event, usually)'),
  ]),
  reason: reason(),
  /** Makes a retried request reset once (Temporal de-duplicates resets by it). */
  requestId: identifier().optional(),
});

/** A validated reset body. */
export type ResetCaseBody = z.infer<typeof resetCaseSchema>;

/** `POST /v1/ops/cases/{id}/activities/{activityId}/retry|pause|unpause`. */
export const activityActionSchema = z.strictObject({
  reason: reason().optional(),
  /** unpause only: start counting attempts from 1 again. */
  resetAttempts: z.boolean().optional(),
});

/** A validated activity action body. */
export type ActivityActionBody = z.infer<typeof activityActionSchema>;

/** `POST /v1/ops/cases/{id}/refunds/{refundId}/retry`. */
export const refundRetrySchema = z.strictObject({
  reason: reason(),
  /** Makes a repeated request retry once (the update id); defaults to one retry per failure. */
  retryId: identifier().optional(),
});

/** A validated refund retry body. */
export type RefundRetryBody = z.infer<typeof refundRetrySchema>;

/** A step key as API.md shapes it (`<STEP>:<what it is about>`, URL-safe). */
export const STEP_KEY_PATTERN = /^[A-Za-z0-9:_-]{1,200}$/;

/** `POST /v1/ops/cases/{id}/steps/{stepKey}/retry`. */
export const stepRetrySchema = z.strictObject({
  reason: reason(),
  /** Makes a repeated request retry once (the update id); defaults to one retry per listing. */
  retryId: identifier().optional(),
});

/** A validated step retry body. */
export type StepRetryBody = z.infer<typeof stepRetrySchema>;

/** `POST /v1/ops/cases/{id}/steps/{stepKey}/resolve`: `externalRef` is required for DONE. */
export const stepResolveSchema = z
  .strictObject({
    outcome: z.enum(['DONE', 'SKIPPED']),
    externalRef: z.string().trim().min(1).max(200).optional(),
    note: reason(),
  })
  .refine((body) => body.outcome !== 'DONE' || body.externalRef !== undefined, {
    path: ['externalRef'],
    message: 'required when outcome is DONE',
  });

/** A validated step resolve body. */
export type StepResolveBody = z.infer<typeof stepResolveSchema>;
