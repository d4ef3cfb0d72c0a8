import { QueryRunner } from 'typeorm';
import { CaseViewColumns, InlineProjection } from './inline-projection';
import { queryRows } from './sql';
import { StoredEvent } from './stored-event.types';

/** The live case read model table. */
export const CASE_VIEWS_TABLE = 'case_views';

/** The table a rebuild fills beside the live one before swapping it in. */
export const CASE_VIEWS_REBUILD_TABLE = 'case_views_rebuild';

/** A table name we interpolate into SQL: only our own constants, checked anyway. */
export function checkedTableName(table: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new RangeError(`Not a table name: ${table}`);
  return table;
}

/** A case view row as stored (the view JSON plus its stream version). */
export interface CaseViewRecord<TView> {
  caseId: string;
  version: number;
  view: TView;
}

/** Reads one case's view row from `table`, or null. */
export async function readCaseViewRecord<TView>(
  tx: QueryRunner,
  table: string,
  caseId: string,
): Promise<CaseViewRecord<TView> | null> {
  const rows = await queryRows<{ version: number; view: TView }>(
    tx,
    `SELECT version, view FROM ${checkedTableName(table)} WHERE case_id = $1`,
    [caseId],
  );
  return rows.length === 0 ? null : { caseId, version: rows[0].version, view: rows[0].view };
}

/** Writes (inserts or replaces) one case's view into `table` at stream version `version`. */
export async function upsertCaseView<TView>(
  tx: QueryRunner,
  table: string,
  caseId: string,
  version: number,
  view: TView,
  columns: CaseViewColumns,
): Promise<void> {
  await tx.query(
    `INSERT INTO ${checkedTableName(table)}
       (case_id, status, merchant_id, customer_id, type, version, view, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz, $9::timestamptz)
     ON CONFLICT (case_id) DO UPDATE SET
       status = EXCLUDED.status, merchant_id = EXCLUDED.merchant_id,
       customer_id = EXCLUDED.customer_id, type = EXCLUDED.type, version = EXCLUDED.version,
       view = EXCLUDED.view, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
    [
      caseId,
      columns.status,
      columns.merchantId,
      columns.customerId,
      columns.type,
      version,
      JSON.stringify(view),
      columns.createdAt,
      columns.updatedAt,
    ],
  );
}

/**
 * Folds `events` (one stream, in seq order) onto `current` and writes the result into `table`;
 * with `current` null, `events` must start at seq 1. False when the projection refuses the stream.
 */
export async function projectCaseView<TView>(
  tx: QueryRunner,
  table: string,
  projection: InlineProjection<TView>,
  current: TView | null,
  events: readonly StoredEvent[],
): Promise<boolean> {
  if (events.length === 0) return false;
  if (current === null && projection.acceptsStream && !projection.acceptsStream(events[0])) return false;
  const last = events[events.length - 1];
  const view = projection.apply(current, events);
  await upsertCaseView(tx, table, last.streamId, last.seq, view, projection.columns(view));
  return true;
}
