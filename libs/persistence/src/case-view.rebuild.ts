import { DataSource, QueryRunner } from 'typeorm';
import { CaseViewDifference, compareCaseViewTables } from './case-view.compare';
import { foldAllStreams, refoldStreamsMovedSince, snapshotHorizon } from './case-view.rebuild-pass';
import { swapRebuiltIn } from './case-view.rebuild-swap';
import { buildDeferredIndexes, createRebuildTable } from './case-view.rebuild-table';
import { CASE_VIEWS_REBUILD_TABLE, CASE_VIEWS_TABLE, CaseViewProjection } from './case-view.table';
import { RebuildInProgressError } from './persistence.errors';
import { ADVISORY_LOCK_CLASS, queryRows } from './sql';

export { compareCaseViews } from './case-view.compare';
export type { CaseViewDifference, CaseViewRowImage } from './case-view.compare';

/** Options of {@link rebuildCaseViews}. */
export interface CaseViewRebuildOptions {
  /** Swap the rebuilt table in for the live one (default true); false leaves it beside for comparing. */
  swap?: boolean;
  /** Events read per page from the log (default 5000). */
  pageSize?: number;
  /** Longest wait for the live table's lock per swap attempt, in ms (default 1000). */
  lockTimeoutMs?: number;
  /** Swap attempts with that wait; the last one waits as long as it takes (default 10). */
  swapAttempts?: number;
  /**
   * Told after each page of the main pass and each catch-up round (awaited, so a slow listener
   * slows the rebuild down, never the service): for progress reports.
   */
  onProgress?: (progress: CaseViewRebuildProgress) => Promise<void> | void;
}

/** Where a running rebuild is. */
export interface CaseViewRebuildProgress {
  phase: 'MAIN_PASS' | 'CATCH_UP';
  /** Events read by the main pass so far. */
  events: number;
  /** Streams folded by the main pass so far. */
  streams: number;
  /** Streams folded again by the catch-up rounds so far. */
  caughtUpStreams: number;
}

/** What a case view rebuild did. */
export interface CaseViewRebuildResult {
  /** Streams read from the log in the main pass. */
  streams: number;
  /** Views written in the main pass (streams the projection accepts). */
  views: number;
  /** Events read in the main pass. */
  events: number;
  /** Streams folded again after the main pass because they moved meanwhile (before and under the lock). */
  caughtUpStreams: number;
  /** Of those, the streams folded again under the swap's lock. */
  lockedStreams: number;
  /** Whether the rebuilt table is now the live `case_views`. */
  swapped: boolean;
  /** How long the swap held the live table's lock, in ms (0 without a swap). */
  swapLockMs: number;
  /**
   * With `swap`, how many cases the replaced live table had differently from the rebuilt one
   * (settled under the swap's lock, so 0 means the live views were exactly the log's).
   */
  differencesFromLive: number;
  /** The first few of those differences, for the ops report. */
  sampleDifferences: CaseViewDifference[];
}

/** How many differences a rebuild result carries in full. */
const SAMPLE_DIFFERENCES = 20;

/** Catch-up rounds before the swap stop once a round folds this few streams again... */
const FEW_MOVED_STREAMS = 50;
/** ...or after this many rounds (a log written faster than a round folds never settles). */
const MAX_CATCH_UP_ROUNDS = 5;

/**
 * Rebuilds the case read model from the log into `case_views_rebuild` beside the live table, which
 * stays readable and writable throughout: a batched main pass, then rounds that fold again the
 * streams that moved meanwhile, outside any lock, until few are left. Then (unless `swap: false`)
 * the swap locks the live table only for the last few streams, the comparison of the rows that may
 * differ, and the renames. Throws RebuildInProgressError when another rebuild runs.
 */
export async function rebuildCaseViews<TView>(
  dataSource: DataSource,
  projection: CaseViewProjection<TView>,
  options: CaseViewRebuildOptions = {},
): Promise<CaseViewRebuildResult> {
  const lockHolder = dataSource.createQueryRunner();
  const reader = dataSource.createQueryRunner();
  const writer = dataSource.createQueryRunner();
  try {
    const [{ acquired }] = await queryRows<{ acquired: boolean }>(
      lockHolder,
      `SELECT pg_try_advisory_lock($1, hashtext($2)) AS acquired`,
      [ADVISORY_LOCK_CLASS.rebuild, CASE_VIEWS_TABLE],
    );
    if (!acquired) throw new RebuildInProgressError(CASE_VIEWS_TABLE);
    try {
      return await rebuildBeside({ reader, writer }, projection, options);
    } finally {
      await lockHolder.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [
        ADVISORY_LOCK_CLASS.rebuild,
        CASE_VIEWS_TABLE,
      ]);
    }
  } finally {
    await writer.release();
    await reader.release();
    await lockHolder.release();
  }
}

async function rebuildBeside<TView>(
  connections: { reader: QueryRunner; writer: QueryRunner },
  projection: CaseViewProjection<TView>,
  options: CaseViewRebuildOptions,
): Promise<CaseViewRebuildResult> {
  const { reader, writer } = connections;
  // A stream with an event of a transaction at or above the horizon may have moved after the pass
  // read it: the catch-up folds it again.
  let horizon = await snapshotHorizon(writer);
  const deferredIndexes = await createRebuildTable(writer);
  const pass = await foldAllStreams(connections, projection, CASE_VIEWS_REBUILD_TABLE, {
    pageSize: options.pageSize ?? 5000,
    onPage: (counts) =>
      options.onProgress?.({
        phase: 'MAIN_PASS',
        events: counts.events,
        streams: counts.streams,
        caughtUpStreams: 0,
      }),
  });
  await buildDeferredIndexes([writer, reader], deferredIndexes);
  let caughtUpStreams = 0;
  for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round += 1) {
    const next = await snapshotHorizon(writer);
    const moved = await refoldStreamsMovedSince(writer, projection, CASE_VIEWS_REBUILD_TABLE, horizon);
    caughtUpStreams += moved.length;
    horizon = next;
    await options.onProgress?.({
      phase: 'CATCH_UP',
      events: pass.events,
      streams: pass.streams,
      caughtUpStreams,
    });
    if (moved.length <= FEW_MOVED_STREAMS) break;
  }
  await writer.query(`ANALYZE ${CASE_VIEWS_REBUILD_TABLE}`);
  const unswapped = { ...pass, caughtUpStreams, lockedStreams: 0, swapLockMs: 0 };
  if (options.swap === false) {
    return { ...unswapped, swapped: false, differencesFromLive: 0, sampleDifferences: [] };
  }
  // Compared before the lock; under it only these rows and the streams that moved since are compared again.
  const suspects = (await compareCaseViewTables(writer, CASE_VIEWS_TABLE, CASE_VIEWS_REBUILD_TABLE)).map(
    (difference) => difference.caseId,
  );
  const swapped = await swapRebuiltIn(
    writer,
    projection,
    { horizon, suspects },
    { lockTimeoutMs: options.lockTimeoutMs ?? 1000, attempts: options.swapAttempts ?? 10 },
  );
  return {
    ...unswapped,
    caughtUpStreams: caughtUpStreams + swapped.lockedStreams,
    lockedStreams: swapped.lockedStreams,
    swapLockMs: Math.round(swapped.lockHeldMs * 10) / 10,
    swapped: true,
    differencesFromLive: swapped.differences.length,
    sampleDifferences: swapped.differences.slice(0, SAMPLE_DIFFERENCES),
  };
}
