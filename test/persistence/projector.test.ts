import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { AsyncProjection, EventStore, Projector, StoredEvent } from '../../libs/persistence/src';
import { eventually, openTestDataSource, plainEvent, uniqueId } from './persistence-test-support';

/** Records every event of this file's streams it handles; a second delivery breaks the primary key. */
class RecordingProjection implements AsyncProjection {
  failOn: string | undefined;

  constructor(
    readonly name: string,
    private readonly streamPrefix: string,
  ) {}

  async handle(tx: QueryRunner, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (!event.streamId.startsWith(this.streamPrefix)) continue;
      if (event.eventId === this.failOn) throw new Error(`refusing ${event.eventId}`);
      await tx.query(
        `INSERT INTO persistence_test_seen (projection, event_id, transaction_id, global_position)
         VALUES ($1, $2, $3::xid8, $4)`,
        [this.name, event.eventId, event.transactionId, event.globalPosition],
      );
    }
  }

  async reset(tx: QueryRunner): Promise<void> {
    await tx.query(`DELETE FROM persistence_test_seen WHERE projection = $1`, [this.name]);
  }
}

describe('async projector', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const streamPrefix = uniqueId('projector');

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
    await dataSource.query(`CREATE TABLE IF NOT EXISTS persistence_test_seen (
      projection text NOT NULL, event_id text NOT NULL, transaction_id xid8 NOT NULL,
      global_position bigint NOT NULL, handled_in serial, PRIMARY KEY (projection, event_id))`);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const seenBy = async (projection: AsyncProjection): Promise<string[]> => {
    const rows = await dataSource.query<Array<{ event_id: string }>>(
      `SELECT event_id FROM persistence_test_seen WHERE projection = $1 ORDER BY handled_in`,
      [projection.name],
    );
    return rows.map((row) => row.event_id);
  };

  const insertRaw = (client: Client, streamId: string) =>
    client.query(
      `INSERT INTO case_events (stream_id, seq, event_id, type, data, actor, occurred_at)
       VALUES ($1, 1, $1 || ':1', 'test.Raw', '{}', '{}', now()) RETURNING global_position`,
      [streamId],
    );

  it('never skips an event committed after a later-positioned one: it waits, then sees both exactly once', async () => {
    const projection = new RecordingProjection(uniqueId('late-commit'), streamPrefix);
    const projector = new Projector(dataSource, projection, { batchSize: 50 });
    const early = `${streamPrefix}-early`;
    const late = `${streamPrefix}-late`;
    const a = new Client({ connectionString: process.env.DATABASE_URL });
    const b = new Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      const positionA = (await insertRaw(a, early)).rows[0].global_position;
      await b.query('BEGIN');
      const positionB = (await insertRaw(b, late)).rows[0].global_position;
      await b.query('COMMIT');
      expect(Number(positionA)).toBeLessThan(Number(positionB));

      // B is committed and has the higher position, but A is still open: neither may be read yet,
      // or the checkpoint would pass A's position and A would be lost once it commits.
      await projector.catchUp();
      expect(await seenBy(projection)).toEqual([]);

      await a.query('COMMIT');
      const seen = await eventually(async () => {
        await projector.catchUp();
        const events = await seenBy(projection);
        return events.length >= 2 ? events : undefined;
      });
      expect(seen).toEqual([`${early}:1`, `${late}:1`]);

      await projector.catchUp();
      expect(await seenBy(projection)).toEqual([`${early}:1`, `${late}:1`]);
      const checkpoint = await projector.checkpoint();
      expect(checkpoint.globalPosition).toBeGreaterThanOrEqual(Number(positionB));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('reads in transaction id order, not text order, across a power of ten of the ids (999 → 1000)', async () => {
    const streamId = uniqueId(`${streamPrefix}-digits`);
    const projection = new RecordingProjection(uniqueId('digits'), streamId);
    const projector = new Projector(dataSource, projection, { batchSize: 60 });
    await projector.catchUp();
    // Use up transaction ids until the next power of ten is 50 away, so the appends below cross it.
    const [{ id }] = await dataSource.query<Array<{ id: string }>>(`SELECT pg_current_xact_id()::text AS id`);
    const burn = 10 ** id.length - Number(id) - 50;
    if (burn > 0) {
      await dataSource.query(
        `DO $$ BEGIN FOR i IN 1..${burn} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`,
      );
    }
    for (let index = 0; index < 100; index++) {
      await store.append({
        streamId: `${streamId}-${index}`,
        expectedVersion: 0,
        commandId: uniqueId('cmd'),
        events: [plainEvent('A')],
      });
    }
    const [{ shortest, longest }] = await dataSource.query<Array<{ shortest: number; longest: number }>>(
      `SELECT min(length(transaction_id::text)) AS shortest, max(length(transaction_id::text)) AS longest
       FROM case_events WHERE stream_id LIKE $1`,
      [`${streamId}-%`],
    );
    expect(longest).toBe(shortest + 1);
    // A second delivery of any event would break the recording table's primary key.
    const handled = await eventually(async () => {
      await projector.catchUp();
      const seen = await seenBy(projection);
      return seen.length >= 100 ? seen : undefined;
    });
    expect(handled).toHaveLength(100);
    // Handled in the order the appends committed.
    expect(handled).toEqual(Array.from({ length: 100 }, (_, index) => `${streamId}-${index}:1`));
  });

  it('runs one instance per projection: a second finds the lock taken and reads nothing', async () => {
    const projection = new RecordingProjection(uniqueId('single'), streamPrefix);
    const projector = new Projector(dataSource, projection);
    const streamId = `${streamPrefix}-single-${projection.name}`;
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A')],
    });

    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [0x41530002, projection.name]);
      const blocked = await projector.runOnce();
      expect(blocked).toMatchObject({ acquired: false, processed: 0 });
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    await eventually(async () => {
      await projector.catchUp();
      return (await seenBy(projection)).includes(`${streamId}:1`) ? true : undefined;
    });
  });

  it('keeps the checkpoint where it was when a batch fails, and handles the batch again after', async () => {
    const streamId = uniqueId(`${streamPrefix}-failing`);
    const projection = new RecordingProjection(uniqueId('failing'), streamId);
    const projector = new Projector(dataSource, projection, { batchSize: 1000 });
    await projector.catchUp();
    const before = await projector.checkpoint();
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A'), plainEvent('B')],
    });

    projection.failOn = `${streamId}:2`;
    await eventually(async () => {
      const failed = await projector.runOnce().then(
        () => false,
        () => true,
      );
      return failed ? true : undefined;
    });
    expect(await projector.checkpoint()).toEqual(before);
    expect(await seenBy(projection)).toEqual([]);

    projection.failOn = undefined;
    const seen = await eventually(async () => {
      await projector.catchUp();
      const events = await seenBy(projection);
      return events.length >= 2 ? events : undefined;
    });
    expect(seen).toEqual([`${streamId}:1`, `${streamId}:2`]);
  });

  it('replays the log from the start after a reset, handling each event once again', async () => {
    const streamId = uniqueId(`${streamPrefix}-replay`);
    const projection = new RecordingProjection(uniqueId('replay'), streamId);
    const projector = new Projector(dataSource, projection, { batchSize: 7 });
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A'), plainEvent('B'), plainEvent('C')],
    });
    const expected = [1, 2, 3].map((seq) => `${streamId}:${seq}`);
    const mine = () => seenBy(projection);
    await eventually(async () => {
      await projector.catchUp();
      return (await mine()).length === 3 ? true : undefined;
    });

    await projector.reset();
    expect(await projector.checkpoint()).toEqual({ transactionId: '0', globalPosition: 0 });
    expect(await mine()).toEqual([]);
    await eventually(async () => {
      await projector.catchUp();
      return (await mine()).length === 3 ? true : undefined;
    });
    expect(await mine()).toEqual(expected);
  });
});
