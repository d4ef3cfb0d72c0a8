import { QueryRunner } from 'typeorm';
import { CaseViewDifference, compareCaseViewTables } from './case-view.compare';
import { refoldStreamsMovedSince } from './case-view.rebuild-pass';
import { CASE_VIEWS_REBUILD_TABLE, CASE_VIEWS_TABLE, CaseViewProjection } from './case-view.table';
import { inTransaction, pgError, queryRows } from './sql';

/** How the swap waits for the live table's lock. */
export interface CaseViewSwapOptions {
  /**
   * Longest wait for the lock on `case_views` per attempt (ms). While the swap waits, later reads
   * and appends queue behind it, so a short wait that gives up and tries again bounds their stall.
   */
  lockTimeoutMs: number;
  /** Attempts with that timeout; the last one waits as long as it takes. */
  attempts: number;
}

/** What the swap did under the lock. */
export interface CaseViewSwapResult {
  /** Streams folded again under the lock (they moved since the last catch-up). */
  lockedStreams: number;
  /** Differences between the replaced live table and the rebuilt one, in case id order. */
  differences: CaseViewDifference[];
  /** How long `case_views` was locked, from the lock granted to the commit (ms). */
  lockHeldMs: number;
  /** Attempts it took to get the lock. */
  attempts: number;
}

/** SQLSTATE of a lock wait that ran out of `lock_timeout`. */
const LOCK_NOT_AVAILABLE = '55P03';

const RETIRED_TABLE = `${CASE_VIEWS_TABLE}_retired`;

/**
 * Swaps the rebuilt table in for the live one. Only the last steps hold the live table's lock:
 * folding again the few streams written since `horizon` (the last catch-up's), comparing the rows
 * that may differ (`suspects`, the differences found before the lock, and those streams), and the
 * renames, sent in one round trip. Appends waiting for the lock then write into the new table
 * (PostgreSQL resolves the table name again once it is granted).
 */
export async function swapRebuiltIn<TView>(
  runner: QueryRunner,
  projection: CaseViewProjection<TView>,
  catchUp: { horizon: string; suspects: readonly string[] },
  options: CaseViewSwapOptions,
): Promise<CaseViewSwapResult> {
  const renames = await renameStatements(runner);
  for (let attempt = 1; ; attempt += 1) {
    const lastAttempt = attempt >= options.attempts;
    try {
      let lockedAt = 0;
      const swapped = await inTransaction(runner, async (tx) => {
        // One round trip: the swap commits asynchronously (no WAL flush while the table is locked;
        // any later durable commit flushes it too, so no append can outlive a lost swap).
        const timeout = lastAttempt ? 0 : Math.max(1, Math.round(options.lockTimeoutMs));
        await tx.query(
          `SET LOCAL lock_timeout = ${timeout}; SET LOCAL synchronous_commit = off;
           LOCK TABLE ${CASE_VIEWS_TABLE} IN ACCESS EXCLUSIVE MODE`,
        );
        lockedAt = performance.now();
        const moved = await refoldStreamsMovedSince(
          tx,
          projection,
          CASE_VIEWS_REBUILD_TABLE,
          catchUp.horizon,
        );
        const suspects = [...new Set([...catchUp.suspects, ...moved])];
        const differences = await compareCaseViewTables(
          tx,
          CASE_VIEWS_TABLE,
          CASE_VIEWS_REBUILD_TABLE,
          suspects,
        );
        await tx.query(renames);
        return { lockedStreams: moved.length, differences };
      });
      const lockHeldMs = performance.now() - lockedAt;
      await runner.query(`DROP TABLE IF EXISTS ${RETIRED_TABLE}`);
      return { ...swapped, lockHeldMs, attempts: attempt };
    } catch (error) {
      if (lastAttempt || pgError(error)?.code !== LOCK_NOT_AVAILABLE) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

/**
 * The renames of the swap as one multi-statement string: the live table out (its indexes renamed
 * out of the way), the rebuilt one in, and its indexes given the live indexes' names (matched by
 * shape, read now, before the lock). The retired table is dropped after the commit: dropping it
 * in the swap made the commit unlink its files with the lock held (over 100 ms on a busy disk).
 */
async function renameStatements(runner: QueryRunner): Promise<string> {
  await runner.query(`DROP TABLE IF EXISTS ${RETIRED_TABLE}`);
  const liveIndexes = await indexesOf(runner, CASE_VIEWS_TABLE);
  const newIndexes = await indexesOf(runner, CASE_VIEWS_REBUILD_TABLE);
  const statements = [`ALTER TABLE ${CASE_VIEWS_TABLE} RENAME TO ${RETIRED_TABLE}`];
  liveIndexes.forEach((index, position) => {
    statements.push(`ALTER INDEX ${quoteIdent(index.name)} RENAME TO ${RETIRED_TABLE}_${position}`);
  });
  statements.push(`ALTER TABLE ${CASE_VIEWS_REBUILD_TABLE} RENAME TO ${CASE_VIEWS_TABLE}`);
  for (const index of newIndexes) {
    const twin = liveIndexes.find((live) => live.shape === index.shape);
    if (twin && twin.name !== index.name) {
      statements.push(`ALTER INDEX ${quoteIdent(index.name)} RENAME TO ${quoteIdent(twin.name)}`);
    }
  }
  return statements.join(';\n');
}

/** The table's indexes with a shape that ignores their names (method, columns, uniqueness). */
async function indexesOf(
  runner: QueryRunner,
  table: string,
): Promise<Array<{ name: string; shape: string }>> {
  return queryRows<{ name: string; shape: string }>(
    runner,
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
