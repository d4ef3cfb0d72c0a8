import { DataSource } from 'typeorm';
import { CaseDeadlines, CaseFlag, StepAttention, TERMINAL_STATUSES } from '../../../../libs/domain/src';
import { CASE_VIEWS_TABLE } from '../../../../libs/persistence/src';

/** An open case the read model shows as possibly stuck: a deadline long past, silence, or a flag. */
export interface StuckCandidateRow {
  caseId: string;
  status: string;
  merchantId: string;
  /** The time of the case's last event (ISO 8601). */
  lastEventAt: string;
  version: number;
  deadlines: Partial<CaseDeadlines>;
  flags: CaseFlag[];
  /** The steps an outside system refused, waiting for ops. */
  needsAttention: StepAttention[];
}

/** The flags that ask ops to act (a refund refused for good, an SLA missed). */
export const OPS_FLAG_KINDS = ['REFUND_FAILED', 'SLA_BREACHED'] as const;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The read-model side of stuck-case detection: open cases with a deadline more than the grace past,
 * silent since `silentSince`, flagged for ops, or with a refused step waiting for ops (at once);
 * longest-waiting first, at most `limit`.
 */
export async function findStuckCandidates(
  dataSource: DataSource,
  options: { deadlinePassedBefore: Date; silentSince: Date; limit: number },
): Promise<StuckCandidateRow[]> {
  const rows = await dataSource.query<
    Array<{
      case_id: string;
      status: string;
      merchant_id: string;
      last_event_at: string;
      version: number;
      deadlines: Partial<CaseDeadlines> | null;
      flags: CaseFlag[] | null;
      needs_attention: StepAttention[] | null;
    }>
  >(
    `SELECT case_id, status, merchant_id, version,
       to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS last_event_at,
       view -> 'deadlines' AS deadlines, view -> 'flags' AS flags,
       view -> 'needsAttention' AS needs_attention
     FROM ${CASE_VIEWS_TABLE}
     WHERE status <> ALL($1::text[])
       AND (
         updated_at < $2
         OR EXISTS (
           SELECT 1 FROM jsonb_each_text(COALESCE(view -> 'deadlines', '{}'::jsonb)) AS deadline
           WHERE deadline.value IS NOT NULL AND deadline.value::timestamptz < $3)
         OR EXISTS (
           SELECT 1 FROM jsonb_array_elements(COALESCE(view -> 'flags', '[]'::jsonb)) AS flag
           WHERE flag ->> 'kind' = ANY($4::text[]))
         OR jsonb_array_length(COALESCE(view -> 'needsAttention', '[]'::jsonb)) > 0
       )
     ORDER BY updated_at, case_id
     LIMIT $5`,
    [
      [...TERMINAL_STATUSES],
      options.silentSince.toISOString(),
      options.deadlinePassedBefore.toISOString(),
      [...OPS_FLAG_KINDS],
      options.limit,
    ],
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    status: row.status,
    merchantId: row.merchant_id,
    lastEventAt: row.last_event_at,
    version: row.version,
    deadlines: row.deadlines ?? {},
    flags: row.flags ?? [],
    needsAttention: row.needs_attention ?? [],
  }));
}

/** The status, last event time and version of the given cases in the read model, by case id. */
export async function caseSummaries(
  dataSource: DataSource,
  caseIds: readonly string[],
): Promise<Map<string, { status: string; merchantId: string; lastEventAt: string; version: number }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await dataSource.query<
    Array<{ case_id: string; status: string; merchant_id: string; last_event_at: string; version: number }>
  >(
    `SELECT case_id, status, merchant_id, version, to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS last_event_at
     FROM ${CASE_VIEWS_TABLE} WHERE case_id = ANY($1::text[])`,
    [[...caseIds]],
  );
  return new Map(
    rows.map((row) => [
      row.case_id,
      {
        status: row.status,
        merchantId: row.merchant_id,
        lastEventAt: row.last_event_at,
        version: row.version,
      },
    ]),
  );
}
