import { QueryRunner } from 'typeorm';
import { CaseViewProjection, CaseViewRow, writeCaseViews } from './case-view.table';
import { readEventPage, readStreamsMovedSince } from './case-view.rebuild-read';
import { queryRows } from './sql';
import { StoredEvent } from './stored-event.types';

/** What the main pass of a rebuild read and wrote. */
export interface RebuildPassCounts {
  /** Streams read from the log. */
  streams: number;
  /** Views written (streams the projection accepts). */
  views: number;
  /** Events read. */
  events: number;
}

/** Most views one INSERT of a rebuild writes. */
const WRITE_BATCH = 1000;

/**
 * The main pass: reads the whole log in `(stream_id, seq)` pages on `reader`, folds each stream in
 * memory once its last event has been read, and writes the views into `table` on `writer` in
 * multi-row INSERTs. The next page is read while the current one is folded and written, so the
 * pass is bound by PostgreSQL, not by one round trip per stream.
 */
export async function foldAllStreams<TView>(
  connections: { reader: QueryRunner; writer: QueryRunner },
  projection: CaseViewProjection<TView>,
  table: string,
  options: { pageSize: number; onPage?: (counts: RebuildPassCounts) => Promise<void> | void },
): Promise<RebuildPassCounts> {
  const { pageSize, onPage } = options;
  const { reader, writer } = connections;
  const folder = new StreamFolder(projection);
  // In flight while the loop folds: each gets a no-op handler so that a failure is not reported as
  // unhandled before the loop awaits it; awaiting it still throws.
  let writing: Promise<void> = Promise.resolve();
  let page = inFlight(readEventPage(reader, { streamId: '', seq: 0 }, pageSize));
  try {
    for (;;) {
      const events = await page;
      const full = events.length === pageSize;
      if (full) page = inFlight(readEventPage(reader, events[events.length - 1], pageSize));
      await folder.add(events);
      if (!full) folder.flush();
      const views = folder.takeViews();
      await writing;
      writing = inFlight(writeInBatches(writer, table, views, false));
      if (!full) break;
      await onPage?.({ ...folder.counts });
    }
    await writing;
    return folder.counts;
  } finally {
    // Never hand the connections back with a query of ours still running on them.
    await Promise.allSettled([page, writing]);
  }
}

function inFlight<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Folds again, from their first event, the streams with an event written by a transaction at or
 * after `horizon` (an xid8 from {@link snapshotHorizon}): the ones that may have moved since a read
 * taken after that horizon. Replaces their rows in `table` in one read and batched writes;
 * returns their ids.
 */
export async function refoldStreamsMovedSince<TView>(
  runner: QueryRunner,
  projection: CaseViewProjection<TView>,
  table: string,
  horizon: string,
): Promise<string[]> {
  const folder = new StreamFolder(projection);
  await folder.add(await readStreamsMovedSince(runner, horizon));
  folder.flush();
  await writeInBatches(runner, table, folder.takeViews(), true);
  return folder.streamIds;
}

/**
 * Every transaction below this xid had finished when it was taken: a read that starts after it
 * sees all their events, so a stream it missed has an event of a transaction at or above it.
 */
export async function snapshotHorizon(runner: QueryRunner): Promise<string> {
  const [{ horizon }] = await queryRows<{ horizon: string }>(
    runner,
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
  );
  return horizon;
}

/** Longest stretch of folding before the rebuild lets the process's other work run (ms). */
const YIELD_AFTER_MS = 10;

/**
 * Groups events read in `(stream_id, seq)` order into streams and folds each complete stream into its
 * view row. Folding is CPU work in the process that serves requests (the API runs the ops
 * rebuild), so it hands the event loop back every {@link YIELD_AFTER_MS} ms.
 */
class StreamFolder<TView> {
  readonly counts: RebuildPassCounts = { streams: 0, views: 0, events: 0 };
  /** Every stream folded, in order. */
  readonly streamIds: string[] = [];
  private views: CaseViewRow<TView>[] = [];
  private pending: StoredEvent[] = [];

  constructor(private readonly projection: CaseViewProjection<TView>) {}

  /** Takes the next events; the last stream stays open until an event of another stream or {@link flush}. */
  async add(events: readonly StoredEvent[]): Promise<void> {
    let sliceStarted = performance.now();
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index];
      if (this.pending.length > 0 && this.pending[0].streamId !== event.streamId) this.flush();
      this.pending.push(event);
      this.counts.events += 1;
      if (index % 64 === 63 && performance.now() - sliceStarted > YIELD_AFTER_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
  }

  /** Folds the open stream. */
  flush(): void {
    if (this.pending.length === 0) return;
    const stream = this.pending;
    this.pending = [];
    this.counts.streams += 1;
    this.streamIds.push(stream[0].streamId);
    const row = this.projection.foldStream(null, stream);
    if (!row) return;
    this.views.push(row);
    this.counts.views += 1;
  }

  /** The view rows folded since the last call. */
  takeViews(): CaseViewRow<TView>[] {
    const views = this.views;
    this.views = [];
    return views;
  }
}

async function writeInBatches<TView>(
  runner: QueryRunner,
  table: string,
  rows: readonly CaseViewRow<TView>[],
  replace: boolean,
): Promise<void> {
  for (let start = 0; start < rows.length; start += WRITE_BATCH) {
    await writeCaseViews(runner, table, rows.slice(start, start + WRITE_BATCH), { replace });
  }
}
