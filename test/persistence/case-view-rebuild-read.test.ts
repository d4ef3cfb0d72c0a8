import { DataSource } from 'typeorm';
import { readEventPage, readStreamsMovedSince } from '../../libs/persistence/src/case-view.rebuild-read';
import { snapshotHorizon } from '../../libs/persistence/src/case-view.rebuild-pass';
import { EventStore, StoredEvent } from '../../libs/persistence/src';
import { openPrivateTestDatabase, plainEvent, uniqueId } from './persistence-test-support';

// The rebuild reads the log with the times formatted by PostgreSQL: it must get the very events the
// store's own reads give, sub-millisecond digits included (recorded_at has microseconds).
describe('case view rebuild reads', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;
  const streams: string[] = [];

  const withRunner = async <T>(work: (runner: ReturnType<DataSource['createQueryRunner']>) => Promise<T>) => {
    const runner = dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  };
  /** The store's reads of every stream, in the order PostgreSQL sorts their ids (not JS's). */
  const storeEvents = async () => {
    const ids = await dataSource.query<Array<{ stream_id: string }>>(
      `SELECT DISTINCT stream_id FROM case_events ORDER BY stream_id`,
    );
    return (await Promise.all(ids.map((row) => store.readStream(row.stream_id)))).flat();
  };

  beforeAll(async () => {
    database = await openPrivateTestDatabase('rebuild_read');
    dataSource = database.dataSource;
    store = new EventStore(dataSource);
    const times = ['2026-11-05T09:00:00.123999Z', '2026-11-05T09:00:01Z', '1999-12-31T23:59:59.999Z'];
    for (const [index, occurredAt] of times.entries()) {
      const streamId = uniqueId(`read-${index}`);
      streams.push(streamId);
      await store.append({
        streamId,
        expectedVersion: 0,
        commandId: uniqueId('cmd'),
        events: [
          { ...plainEvent('A', { index, nested: { list: [1, 2.5, 'x'] } }), occurredAt },
          { ...plainEvent('B'), occurredAt },
        ],
      });
    }
  });

  afterAll(async () => {
    await database.drop();
  });

  it('reads pages of the events the store reads, in (stream, seq) order', async () => {
    const pages: StoredEvent[] = [];
    await withRunner(async (runner) => {
      for (let after = { streamId: '', seq: 0 }; ;) {
        const page = await readEventPage(runner, after, 4);
        pages.push(...page);
        if (page.length < 4) break;
        after = page[page.length - 1];
      }
    });
    expect(pages).toEqual(await storeEvents());
    expect(pages).toHaveLength(6);
    expect(pages[0].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('reads every event of the streams moved since a horizon', async () => {
    const horizon = await withRunner((runner) => snapshotHorizon(runner));
    const moved = streams[1];
    await store.append({
      streamId: moved,
      expectedVersion: 2,
      commandId: uniqueId('cmd'),
      events: [plainEvent('C')],
    });
    const read = await withRunner((runner) => readStreamsMovedSince(runner, horizon));
    expect(read).toEqual(await store.readStream(moved));
    expect(read.map((event) => event.seq)).toEqual([1, 2, 3]);
  });
});
