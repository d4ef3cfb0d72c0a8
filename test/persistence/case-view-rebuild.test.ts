import { DataSource } from 'typeorm';
import {
  CaseViewProjection,
  compareCaseViews,
  EventStore,
  foldingProjection,
  rebuildCaseViews,
  RebuildInProgressError,
  StoredEvent,
} from '../../libs/persistence/src';
import {
  evolveTestCase,
  openPrivateTestDatabase,
  plainEvent,
  testCaseMoved,
  testCaseOpened,
  TestCaseView,
  testCaseViewProjection,
  uniqueId,
} from './persistence-test-support';

// A database of its own: a rebuild swaps the whole case_views table with the projection it is given.
describe('case view rebuild', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;
  let clock = 0;
  const nextInstant = () => new Date(Date.UTC(2026, 10, 5, 9) + (clock += 1000)).toISOString();

  const openCase = async (merchantId = 'm-rebuild') => {
    const caseId = uniqueId('case-rebuild');
    await store.append({
      streamId: caseId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [
        testCaseOpened({ merchantId, customerId: 'c-1', type: 'REPAIR', status: 'PENDING' }, nextInstant()),
      ],
    });
    return caseId;
  };
  const moveCase = async (caseId: string, status: string) => {
    const version = await store.streamVersion(caseId);
    await store.append({
      streamId: caseId,
      expectedVersion: version,
      commandId: uniqueId('cmd'),
      events: [testCaseMoved(status, `to ${status}`, nextInstant())],
    });
  };
  const liveRows = () =>
    dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM case_views ORDER BY case_id`);
  const indexNames = async () =>
    (
      await dataSource.query<Array<{ indexname: string }>>(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'case_views' ORDER BY indexname`,
      )
    ).map((row) => row.indexname);

  beforeAll(async () => {
    database = await openPrivateTestDatabase('rebuild');
    dataSource = database.dataSource;
    store = new EventStore(dataSource, { inlineProjections: [testCaseViewProjection] });
    for (let index = 0; index < 12; index += 1) {
      const caseId = await openCase(index % 3 === 0 ? 'm-rebuild-a' : 'm-rebuild-b');
      for (const status of ['APPROVED', 'AWAITING_RETURN', 'COMPLETED'].slice(0, index % 4)) {
        await moveCase(caseId, status);
      }
    }
    const other = uniqueId('not-a-case');
    await store.append({
      streamId: other,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('X')],
    });
  });

  afterAll(async () => {
    await database.drop();
  });

  it('rebuilds beside the live table views identical to the live ones', async () => {
    const result = await rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false, pageSize: 5 });
    expect(result).toMatchObject({ streams: 13, views: 12, swapped: false });
    expect(await compareCaseViews(dataSource)).toEqual([]);
  });

  it('swaps the rebuilt views in, repairing damaged live rows and keeping the index names', async () => {
    const before = await liveRows();
    const indexesBefore = await indexNames();
    const [damaged, removed] = before.map((row) => String(row.case_id));
    await dataSource.query(`UPDATE case_views SET status = 'TAMPERED' WHERE case_id = $1`, [damaged]);
    await dataSource.query(`DELETE FROM case_views WHERE case_id = $1`, [removed]);

    await rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false });
    expect(
      (await compareCaseViews(dataSource)).map((difference) => [difference.caseId, difference.kind]).sort(),
    ).toEqual(
      [
        [damaged, 'DIFFERENT'],
        [removed, 'MISSING_IN_LIVE'],
      ].sort(),
    );

    const result = await rebuildCaseViews(dataSource, testCaseViewProjection, { pageSize: 4 });
    expect(result).toMatchObject({ streams: 13, views: 12, swapped: true, differencesFromLive: 2 });
    expect(await liveRows()).toEqual(before);
    expect(await indexNames()).toEqual(indexesBefore);

    // The store keeps writing into the swapped-in table.
    await moveCase(damaged, 'CLOSED');
    const [row] = await dataSource.query(`SELECT status, version FROM case_views WHERE case_id = $1`, [
      damaged,
    ]);
    expect(row.status).toBe('CLOSED');
  });

  it('catches up the streams appended while it ran, so the swapped views match the log', async () => {
    const cases = await Promise.all([openCase(), openCase(), openCase()]);
    let appending = true;
    const writer = (async () => {
      let round = 0;
      while (appending || round < 3) {
        await moveCase(cases[round % cases.length], `STEP_${round}`);
        await openCase();
        round += 1;
      }
    })();
    const result = await rebuildCaseViews(dataSource, testCaseViewProjection, { pageSize: 3 });
    appending = false;
    await writer;
    expect(result.swapped).toBe(true);

    await rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false });
    expect(await compareCaseViews(dataSource)).toEqual([]);
  });

  it('refuses to start while another rebuild holds the lock', async () => {
    const [first, second] = await Promise.allSettled([
      rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false, pageSize: 1 }),
      rebuildCaseViews(dataSource, testCaseViewProjection, { swap: false, pageSize: 1 }),
    ]);
    const outcomes = [first, second].map((outcome) =>
      outcome.status === 'fulfilled'
        ? 'done'
        : outcome.reason instanceof RebuildInProgressError
          ? 'busy'
          : 'error',
    );
    expect(outcomes.sort()).toEqual(['busy', 'done']);
  });

  it('gives the same views from a whole-stream fold as from the incremental projection', async () => {
    const folding = foldingProjection<TestCaseView | null, StoredEvent, TestCaseView>({
      name: 'test-case-view-folding',
      acceptsStream: (first) => first.type === 'test.case.Opened',
      initialState: null,
      toDomainEvent: (event) => event,
      evolve: evolveTestCase,
      toView: (state) => {
        if (!state) throw new Error('empty stream');
        return state;
      },
      columns: testCaseViewProjection.fold.columns,
    });
    await rebuildCaseViews(dataSource, new CaseViewProjection(folding), { swap: false });
    expect(await compareCaseViews(dataSource)).toEqual([]);
  });
});
