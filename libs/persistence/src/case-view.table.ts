import { QueryRunner } from 'typeorm';
import { CaseViewColumns, CaseViewFold } from './case-view.fold';
import { AppendedEvents, InlineProjection } from './inline-projection';
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

/** One case view row to write: the view, its stream version and its indexed columns. */
export interface CaseViewRow<TView> {
  caseId: string;
  version: number;
  view: TView;
  columns: CaseViewColumns;
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
     ON CONFLICT (case_id) DO UPDATE SET ${REPLACE_ALL_COLUMNS}`,
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

/** The SET list of an upsert that replaces every column of an existing view row. */
const REPLACE_ALL_COLUMNS = `status = EXCLUDED.status, merchant_id = EXCLUDED.merchant_id,
       customer_id = EXCLUDED.customer_id, type = EXCLUDED.type, version = EXCLUDED.version,
       view = EXCLUDED.view, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`;

/**
 * Writes many views into `table` in one statement: the rows travel as one JSON parameter that
 * PostgreSQL unpacks with jsonb_to_recordset (one round trip, one parse, no per-row parameters).
 * `replace` upserts; without it a row that exists already fails the statement.
 */
export async function writeCaseViews<TView>(
  tx: QueryRunner,
  table: string,
  rows: readonly CaseViewRow<TView>[],
  options: { replace: boolean },
): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map(({ caseId, version, view, columns }) => ({
    case_id: caseId,
    status: columns.status,
    merchant_id: columns.merchantId,
    customer_id: columns.customerId,
    type: columns.type,
    version,
    view,
    created_at: columns.createdAt,
    updated_at: columns.updatedAt,
  }));
  const conflict = options.replace ? `ON CONFLICT (case_id) DO UPDATE SET ${REPLACE_ALL_COLUMNS}` : '';
  await tx.query(
    `INSERT INTO ${checkedTableName(table)}
       (case_id, status, merchant_id, customer_id, type, version, view, created_at, updated_at)
     SELECT case_id, status, merchant_id, customer_id, type, version, view, created_at, updated_at
     FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, status text, merchant_id text, customer_id text,
       type text, version integer, view jsonb, created_at timestamptz, updated_at timestamptz)
     ${conflict}`,
    [JSON.stringify(records)],
  );
}

/**
 * The inline projection that owns `case_views`: each append's events folded with `fold` onto the
 * stored view (or the whole stream, for a whole-stream fold or a view missing or behind).
 */
export class CaseViewProjection<TView> implements InlineProjection {
  /** Named after its fold. */
  readonly name: string;

  constructor(
    /** How a view is computed from the stream. */
    readonly fold: CaseViewFold<TView>,
    private readonly table: string = CASE_VIEWS_TABLE,
  ) {
    this.name = fold.name;
  }

  /** Writes the stream's view after the appended events into the projection's table. */
  async project(tx: QueryRunner, appended: AppendedEvents): Promise<void> {
    const { streamId, expectedVersion, events } = appended;
    if (expectedVersion === 0) {
      await this.projectInto(tx, this.table, null, events);
      return;
    }
    const existing = this.fold.foldsWholeStream
      ? null
      : await readCaseViewRecord<TView>(tx, this.table, streamId);
    if (existing && existing.version === expectedVersion) {
      await this.projectInto(tx, this.table, existing.view, events);
      return;
    }
    // Whole-stream folds, and views missing or behind (e.g. a fold added later), fold the stream
    // from its first event.
    await this.projectInto(tx, this.table, null, await appended.readStream());
  }

  /**
   * Folds `events` (one stream, in seq order) onto `current` and writes the result into `table`
   * (the live one, or a rebuild's); with `current` null, `events` must start at seq 1. False when
   * the fold refuses the stream.
   */
  async projectInto(
    tx: QueryRunner,
    table: string,
    current: TView | null,
    events: readonly StoredEvent[],
  ): Promise<boolean> {
    const row = this.foldStream(current, events);
    if (!row) return false;
    await upsertCaseView(tx, table, row.caseId, row.version, row.view, row.columns);
    return true;
  }

  /**
   * The row {@link projectInto} would write, computed without I/O (a rebuild folds many streams
   * and writes their rows in batches); null for no events or a stream the fold refuses.
   */
  foldStream(current: TView | null, events: readonly StoredEvent[]): CaseViewRow<TView> | null {
    if (events.length === 0) return null;
    const fold = this.fold;
    if (current === null && fold.acceptsStream && !fold.acceptsStream(events[0])) return null;
    const last = events[events.length - 1];
    const view = fold.apply(current, events);
    return { caseId: last.streamId, version: last.seq, view, columns: fold.columns(view) };
  }
}
