import { DataSource } from 'typeorm';
import {
  CaseViewQueries,
  CaseViewRebuildProgress,
  compareCaseViews,
  EventStore,
  rebuildCaseViews,
} from '../../libs/persistence/src';
import {
  eventually,
  openPrivateTestDatabase,
  testCaseMoved,
  testCaseOpened,
  TestCaseView,
  testCaseViewProjection,
  uniqueId,
} from './persistence-test-support';

/** Counts of the operations a load loop finished, and the streams it wrote. */
interface LoadCounts {
  appends: number;
  reads: number;
  failures: unknown[];
}

// A database of its own: the rebuild swaps the whole case_views table.
describe('case view rebuild under load', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;
  let queries: CaseViewQueries<TestCaseView>;
  const seeded: string[] = [];
  let clock = 0;
  const nextInstant = () => new Date(Date.UTC(2026, 10, 6, 9) + (clock += 1000)).toISOString();

  const openCase = async (caseId: string, moves: number) => {
    await store.append({
      streamId: caseId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [
        testCaseOpened(
          { merchantId: 'm-online', customerId: 'c-1', type: 'REPAIR', status: 'PENDING' },
          nextInstant(),
        ),
        ...Array.from({ length: moves }, (_, index) =>
          testCaseMoved(`STEP_${index}`, `n${index}`, nextInstant()),
        ),
      ],
    });
  };
  const moveCase = async (caseId: string) => {
    const version = await store.streamVersion(caseId);
    await store.append({
      streamId: caseId,
      expectedVersion: version,
      commandId: uniqueId('cmd'),
      events: [testCaseMoved(`STEP_${version}`, `moved at ${version}`, nextInstant())],
    });
  };

  /**
   * Appends (a new case, then a move of a case it opened) and reads (one view by id, one list page)
   * until stopped; never touches `avoid` (a case a test holds a row lock on).
   */
  const runLoad = (avoid: ReadonlySet<string> = new Set()) => {
    const counts: LoadCounts = { appends: 0, reads: 0, failures: [] };
    const opened: string[] = [];
    let running = true;
    // A failing loop stops at once: spinning on errors would starve the event loop (and jest's timers).
    const fail = (error: unknown) => {
      counts.failures.push(error);
      running = false;
    };
    const appender = (async () => {
      while (running) {
        try {
          const caseId = uniqueId('case-online');
          await openCase(caseId, 0);
          opened.push(caseId);
          counts.appends += 1;
          await moveCase(opened[Math.floor(Math.random() * opened.length)]);
          counts.appends += 1;
        } catch (error) {
          fail(error);
        }
      }
    })();
    const reader = (async () => {
      let round = 0;
      while (running) {
        try {
          const candidates = seeded.filter((caseId) => !avoid.has(caseId));
          const view = await queries.getById(candidates[round % candidates.length]);
          if (!view) throw new Error('a seeded case has no view');
          await queries.list({ merchantId: 'm-online', limit: 5 });
          counts.reads += 1;
          round += 1;
        } catch (error) {
          fail(error);
        }
      }
    })();
    return {
      counts,
      opened,
      stop: async () => {
        running = false;
        await Promise.all([appender, reader]);
      },
    };
  };

  /** Resolves once the load has finished `more` appends and `more` reads after this call. */
  const progressOf = (counts: LoadCounts, more: number) => {
    const from = { appends: counts.appends, reads: counts.reads };
    return eventually(async () =>
      counts.appends >= from.appends + more && counts.reads >= from.reads + more ? true : undefined,
    );
  };

  beforeAll(async () => {
    database = await openPrivateTestDatabase('rebuild_online');
    dataSource = database.dataSource;
    store = new EventStore(dataSource, { inlineProjections: [testCaseViewProjection] });
    queries = new CaseViewQueries<TestCaseView>(dataSource);
    for (let index = 0; index < 300; index += 1) {
      const caseId = uniqueId('case-seeded');
      await openCase(caseId, index % 5);
      seeded.push(caseId);
    }
  });

  afterAll(async () => {
    await database.drop();
  });

  it('keeps appends and reads going through the main pass and the catch-up, and the swapped views equal the log', async () => {
    const load = runLoad();
    const seen: CaseViewRebuildProgress[] = [];
    const during = { appends: 0, reads: 0 };
    const result = await (async () => {
      const start = { ...load.counts };
      const rebuilt = await rebuildCaseViews(dataSource, testCaseViewProjection, {
        pageSize: 100,
        // The first pages and every catch-up round wait for the load to move on: appends and reads
        // that finish there finished while the rebuild ran, however fast the machine.
        onProgress: async (progress) => {
          seen.push(progress);
          if (progress.phase === 'CATCH_UP' || seen.length <= 3) await progressOf(load.counts, 3);
        },
      });
      during.appends = load.counts.appends - start.appends;
      during.reads = load.counts.reads - start.reads;
      return rebuilt;
    })();
    await load.stop();

    expect(load.counts.failures).toEqual([]);
    expect(seen.filter((progress) => progress.phase === 'MAIN_PASS').length).toBeGreaterThanOrEqual(3);
    expect(seen.some((progress) => progress.phase === 'CATCH_UP')).toBe(true);
    expect(during.appends).toBeGreaterThanOrEqual(4 * 3);
    expect(during.reads).toBeGreaterThanOrEqual(4 * 3);
    expect(result).toMatchObject({ swapped: true, differencesFromLive: 0 });
    // Streams that moved during the main pass were folded again; only a few of them under the lock.
    expect(result.caughtUpStreams).toBeGreaterThan(0);
    expect(result.lockedStreams).toBeLessThanOrEqual(result.caughtUpStreams);
    console.log(
      `rebuild under load: ${result.events} events, ${result.streams} streams; during it ${during.appends} appends ` +
        `and ${during.reads} reads; ${result.caughtUpStreams} streams caught up, ${result.lockedStreams} under ` +
        `the lock, held ${result.swapLockMs} ms`,
    );

    // Every stream the load opened during the rebuild has its view in the swapped-in table...
    const views = await Promise.all(load.opened.map((caseId) => queries.getById(caseId)));
    expect(views.filter((view) => view === null)).toEqual([]);
    // ...and the whole table is what a fresh fold of the log gives.
    await rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false });
    expect(await compareCaseViews(dataSource)).toEqual([]);
  });

  it('gives up a swap that waits too long for the live table, so reads and appends pass between attempts', async () => {
    // A transaction that keeps a write lock on case_views: the swap cannot take the table until it ends.
    const blocked = seeded[0];
    const blocker = dataSource.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`UPDATE case_views SET status = status WHERE case_id = $1`, [blocked]);
    const load = runLoad(new Set([blocked]));
    let rebuilding: ReturnType<typeof rebuildCaseViews> | undefined;
    try {
      rebuilding = rebuildCaseViews(dataSource, testCaseViewProjection, {
        lockTimeoutMs: 200,
        swapAttempts: 1000,
      });
      await eventually(async () => {
        const [{ waiting }] = await dataSource.query<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%LOCK TABLE case_views%'`,
        );
        return waiting > 0 ? true : undefined;
      });
      // With the swap queued on the lock, reads and appends still finish (between its attempts).
      await progressOf(load.counts, 5);
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
      await rebuilding?.catch(() => undefined);
      await load.stop();
    }
    const result = await rebuilding;
    expect(load.counts.failures).toEqual([]);
    expect(result).toMatchObject({ swapped: true, differencesFromLive: 0 });
    await rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false });
    expect(await compareCaseViews(dataSource)).toEqual([]);
  });
});
