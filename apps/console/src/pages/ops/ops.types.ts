import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/** `GET /v1/ops/stuck-cases` (the API's OpenAPI document describes it). */
export type StuckCasesAnswer = Schemas['StuckCases'];

/** One stuck case. */
export type StuckCase = StuckCasesAnswer['items'][number];

/** One reason of a stuck case; the activity, refund and step fields only for their kinds. */
export type StuckReason = StuckCase['reasons'][number];

/** `POST /v1/ops/cases/{id}/replay`. */
export type ReplayAnswer = Schemas['ReplayAnswer'];

/** `POST /v1/ops/cases/{id}/reset`. */
export type ResetAnswer = Schemas['ResetAnswer'];

/** The answer of the activity actions. */
export type ActivityActionAnswer = Schemas['ActivityActionAnswer'];

/** Where a reset runs the workflow again from: a named workflow task, or a history event id. */
export type ResetTarget = 'LAST_WORKFLOW_TASK' | 'FIRST_WORKFLOW_TASK' | number;
