import { DataSource, QueryRunner } from 'typeorm';
import {
  CASE_VIEWS_REBUILD_TABLE,
  CASE_VIEWS_TABLE,
  checkedTableName,
  CaseViewProjection,
} from './case-view.table';
import { readStreamEvents } from './event-store';
import { RebuildInProgressError } from './persistence.errors';
import { ADVISORY_LOCK_CLASS, inTransaction, queryRows } from './sql';
import { CASE_EVENT_COLUMNS, CaseEventRow, toStoredEvent } from './stored-event.row';
import { StoredEvent } from './stored-event.types';

/** Options of {@link rebuildCaseViews}. */
export interface CaseViewRebuildOptions {
  /** Swap the rebuilt table in for the live one (default true); false leaves it beside for comparing. */
  swap?: boolean;
  /** Events read per page from the log (default 1000). */
  pageSize?: number;
}

/** What a case view rebuild did. */
export interface CaseViewRebuildResult {
  /** Streams read from the log in the main pass. */
  streams: number;
  /** Views written in the main pass (streams the projection accepts). */
  views: number;
  /** Events read in the main pass. */
  events: number;
  /** Streams folded again at the swap because they moved during the main pass. */
  caughtUpStreams: number;
  /** Whether the rebuilt table is now the live `case_views`. */
  swapped: boolean;
  /**
   * With `swap`, how many cases the replaced live table had differently from the rebuilt one
   * (compared under the swap's lock, so 0 means the live views were exactly the log's).
   */
  differencesFromLive: number;
  /** The first few of those differences, for the ops report. */
  sampleDifferences: CaseViewDifference[];
}

/** How many differences a rebuild result carries in full. */
const SAMPLE_DIFFERENCES = 20;

/** One case whose live and rebuilt views differ. */
export interface CaseViewDifference {
  caseId: string;
  kind: 'MISSING_IN_LIVE' | 'MISSING_IN_REBUILT' | 'DIFFERENT';
  live: CaseViewRowImage | null;
  rebuilt: CaseViewRowImage | null;
}

/** Every column of a case view row, for comparison reports. */
export interface CaseViewRowImage {
  status: string;
  merchantId: string;
  customerId: string;
  type: string;
  version: number;
  view: unknown;
  createdAt: string;
  updatedAt: string;
}

/**
 * Rebuilds the case read model from the log into `case_views_rebuild` beside the live table with
 * `projection`, then (unless `swap: false`) catches up the streams that moved meanwhile and swaps
 * the tables in one transaction, reporting how the replaced views differed. Throws RebuildInProgressError when another rebuild runs.
 */
export async function rebuildCaseViews<TView>(
  dataSource: DataSource,
  projection: CaseViewProjection<TView>,
  options: CaseViewRebuildOptions = {},
): Promise<CaseViewRebuildResult> {
  const pageSize = options.pageSize ?? 1000;
  const swap = options.swap ?? true;
  const lockHolder = dataSource.createQueryRunner();
  const worker = dataSource.createQueryRunner();
  try {
    const [{ acquired }] = await queryRows<{ acquired: boolean }>(
      lockHolder,
      `SELECT pg_try_advisory_lock($1, hashtext($2)) AS acquired`,
      [ADVISORY_LOCK_CLASS.rebuild, CASE_VIEWS_TABLE],
    );
    if (!acquired) throw new RebuildInProgressError(CASE_VIEWS_TABLE);
    try {
      // Every transaction below this xid had finished before the main pass: a stream with an event
      // at or above it may have moved after the pass read it, so the swap folds it again.
      const [{ horizon }] = await queryRows<{ horizon: string }>(
        worker,
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
      );
      await worker.query(`DROP TABLE IF EXISTS ${CASE_VIEWS_REBUILD_TABLE}`);
      await worker.query(`CREATE TABLE ${CASE_VIEWS_REBUILD_TABLE} (LIKE ${CASE_VIEWS_TABLE} INCLUDING ALL)`);
      const pass = await foldAllStreams(worker, projection, pageSize);
      await worker.query(`ANALYZE ${CASE_VIEWS_REBUILD_TABLE}`);
      if (!swap) {
        return { ...pass, caughtUpStreams: 0, swapped: false, differencesFromLive: 0, sampleDifferences: [] };
      }
      const swapped = await inTransaction(worker, (tx) => swapIn(tx, projection, horizon));
      return {
        ...pass,
        caughtUpStreams: swapped.caughtUpStreams,
        swapped: true,
        differencesFromLive: swapped.differences.length,
        sampleDifferences: swapped.differences.slice(0, SAMPLE_DIFFERENCES),
      };
    } finally {
      await lockHolder.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [
        ADVISORY_LOCK_CLASS.rebuild,
        CASE_VIEWS_TABLE,
      ]);
    }
  } finally {
    await worker.release();
    await lockHolder.release();
  }
}

/**
 * Compares two case view tables row by row (jsonb compares by value); empty when identical. By
 * default the live table against the one a `swap: false` rebuild left beside it.
 */
export async function compareCaseViews(
  dataSource: DataSource,
  tables: { live?: string; rebuilt?: string } = {},
): Promise<CaseViewDifference[]> {
  const runner = dataSource.createQueryRunner();
  try {
    return await compareCaseViewTables(
      runner,
      tables.live ?? CASE_VIEWS_TABLE,
      tables.rebuilt ?? CASE_VIEWS_REBUILD_TABLE,
    );
  } finally {
    await runner.release();
  }
}

async function compareCaseViewTables(
  runner: QueryRunner,
  liveTable: string,
  rebuiltTable: string,
): Promise<CaseViewDifference[]> {
  const live = checkedTableName(liveTable);
  const rebuilt = checkedTableName(rebuiltTable);
  const image = (alias: string) => `CASE WHEN ${alias}.case_id IS NULL THEN NULL ELSE jsonb_build_object(
      'status', ${alias}.status, 'merchantId', ${alias}.merchant_id, 'customerId', ${alias}.customer_id,
      'type', ${alias}.type, 'version', ${alias}.version, 'view', ${alias}.view,
      'createdAt', to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'updatedAt', to_char(${alias}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) END`;
  const columns = (alias: string) =>
    `(${['status', 'merchant_id', 'customer_id', 'type', 'version', 'view', 'created_at', 'updated_at']
      .map((column) => `${alias}.${column}`)
      .join(', ')})`;
  const rows = await queryRows<{
    case_id: string;
    live: CaseViewRowImage | null;
    rebuilt: CaseViewRowImage | null;
  }>(
    runner,
    `SELECT COALESCE(l.case_id, r.case_id) AS case_id, ${image('l')} AS live, ${image('r')} AS rebuilt
     FROM ${live} l FULL OUTER JOIN ${rebuilt} r ON r.case_id = l.case_id
     WHERE l.case_id IS NULL OR r.case_id IS NULL OR ${columns('l')} IS DISTINCT FROM ${columns('r')}
     ORDER BY 1`,
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    kind: row.live === null ? 'MISSING_IN_LIVE' : row.rebuilt === null ? 'MISSING_IN_REBUILT' : 'DIFFERENT',
    live: row.live,
    rebuilt: row.rebuilt,
  }));
}

/** Reads the whole log in (stream_id, seq) pages and writes each stream's folded view. */
async function foldAllStreams<TView>(
  runner: QueryRunner,
  projection: CaseViewProjection<TView>,
  pageSize: number,
): Promise<{ streams: number; views: number; events: number }> {
  let streams = 0;
  let views = 0;
  let events = 0;
  let pending: StoredEvent[] = [];
  let after: { streamId: string; seq: number } = { streamId: '', seq: 0 };
  const flush = async () => {
    if (pending.length === 0) return;
    if (await projection.projectInto(runner, CASE_VIEWS_REBUILD_TABLE, null, pending)) views += 1;
    streams += 1;
    pending = [];
  };
  for (;;) {
    const rows = await queryRows<CaseEventRow>(
      runner,
      `SELECT ${CASE_EVENT_COLUMNS} FROM case_events
       WHERE (stream_id, seq) > ($1, $2) ORDER BY stream_id, seq LIMIT $3`,
      [after.streamId, after.seq, pageSize],
    );
    for (const event of rows.map(toStoredEvent)) {
      if (pending.length > 0 && pending[0].streamId !== event.streamId) await flush();
      pending.push(event);
      events += 1;
      after = { streamId: event.streamId, seq: event.seq };
    }
    if (rows.length < pageSize) break;
  }
  await flush();
  return { streams, views, events };
}

/**
 * In one transaction: blocks appends (they update case_views), folds again the streams written
 * since `horizon`, swaps the tables and gives the new table's indexes the live names.
 */
async function swapIn<TView>(
  tx: QueryRunner,
  projection: CaseViewProjection<TView>,
  horizon: string,
): Promise<{ caughtUpStreams: number; differences: CaseViewDifference[] }> {
  await tx.query(`LOCK TABLE ${CASE_VIEWS_TABLE} IN ACCESS EXCLUSIVE MODE`);
  const moved = await queryRows<{ stream_id: string }>(
    tx,
    `SELECT DISTINCT stream_id FROM case_events WHERE transaction_id >= $1::xid8`,
    [horizon],
  );
  for (const { stream_id: streamId } of moved) {
    const events = await readStreamEvents(tx, streamId, 1);
    await projection.projectInto(tx, CASE_VIEWS_REBUILD_TABLE, null, events);
  }

  const differences = await compareCaseViewTables(tx, CASE_VIEWS_TABLE, CASE_VIEWS_REBUILD_TABLE);

  const retired = `${CASE_VIEWS_TABLE}_retired`;
  await tx.query(`ALTER TABLE ${CASE_VIEWS_TABLE} RENAME TO ${retired}`);
  await tx.query(`ALTER TABLE ${CASE_VIEWS_REBUILD_TABLE} RENAME TO ${CASE_VIEWS_TABLE}`);
  const liveIndexes = await indexesOf(tx, retired);
  const newIndexes = await indexesOf(tx, CASE_VIEWS_TABLE);
  await tx.query(`DROP TABLE ${retired}`);
  for (const index of newIndexes) {
    const twin = liveIndexes.find((live) => live.shape === index.shape);
    if (twin && twin.name !== index.name) {
      await tx.query(`ALTER INDEX ${quoteIdent(index.name)} RENAME TO ${quoteIdent(twin.name)}`);
    }
  }
  return { caughtUpStreams: moved.length, differences };
}

/** The table's indexes with a shape that ignores their names (method, columns, uniqueness). */
async function indexesOf(tx: QueryRunner, table: string): Promise<Array<{ name: string; shape: string }>> {
  return queryRows<{ name: string; shape: string }>(
    tx,
    `SELECT c.relname AS name,
       (CASE WHEN i.indisprimary THEN 'P' WHEN i.indisunique THEN 'U' ELSE 'I' END)
         || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') AS shape
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass`,
    [table],
  );
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
