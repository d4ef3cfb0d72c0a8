import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  AppendConflictError,
  EventStore,
  InvalidAppendError,
  PERSISTENCE_ERROR_CODES,
  WrongExpectedVersionError,
} from '../../libs/persistence/src';
import { openTestDataSource, plainEvent, uniqueId } from './persistence-test-support';

describe('event store', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('appends events with seq from 1 and deterministic event ids when the expected version matches', async () => {
    const streamId = uniqueId('store-append');
    const first = await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('Opened', { n: 1 }), plainEvent('Noted', { n: 2 })],
    });
    expect(first.nextExpectedVersion).toBe(2);
    expect(first.eventIds).toEqual([`${streamId}:1`, `${streamId}:2`]);
    expect(first.globalPositions[1]).toBeGreaterThan(first.globalPositions[0]);

    const second = await store.append({
      streamId,
      expectedVersion: 2,
      commandId: uniqueId('cmd'),
      events: [plainEvent('Closed', { n: 3 })],
    });
    expect(second).toMatchObject({ nextExpectedVersion: 3, eventIds: [`${streamId}:3`] });

    const events = await store.readStream(streamId);
    expect(events.map((event) => [event.seq, event.type, event.data])).toEqual([
      [1, 'test.Opened', { n: 1 }],
      [2, 'test.Noted', { n: 2 }],
      [3, 'test.Closed', { n: 3 }],
    ]);
    expect(events[0]).toMatchObject({
      streamId,
      eventId: `${streamId}:1`,
      schemaVersion: 1,
      actor: { kind: 'TEST' },
      occurredAt: '2026-11-05T10:00:00.000Z',
    });
    expect(events[0].transactionId).toMatch(/^\d+$/);
    expect((await store.readStream(streamId, 3)).map((event) => event.seq)).toEqual([3]);
    expect(await store.streamVersion(streamId)).toBe(3);
  });

  it('refuses an append at a stale expected version and names the actual version', async () => {
    const streamId = uniqueId('store-stale');
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A')],
    });

    const stale = store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('B')],
    });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(stale).rejects.toMatchObject({
      code: PERSISTENCE_ERROR_CODES.wrongExpectedVersion,
      expectedVersion: 0,
      actualVersion: 1,
    });
    const ahead = store.append({
      streamId,
      expectedVersion: 5,
      commandId: uniqueId('cmd'),
      events: [plainEvent('C')],
    });
    await expect(ahead).rejects.toMatchObject({ actualVersion: 1 });
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('treats a retried append of the same command as a no-op that returns the first result', async () => {
    const streamId = uniqueId('store-retry');
    const request = {
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('Opened'), plainEvent('Noted')],
    };
    const first = await store.append(request);
    const { loggedEvents, ...retried } = await store.append(request);
    expect(retried).toEqual(first);
    expect(await store.readStream(streamId)).toHaveLength(2);
    expect(loggedEvents?.map((event) => event.type)).toEqual(['test.Opened', 'test.Noted']);

    // Also after the stream moved on: the retry still answers with its own first result.
    await store.append({
      streamId,
      expectedVersion: 2,
      commandId: uniqueId('cmd'),
      events: [plainEvent('X')],
    });
    expect(await store.append(request)).toMatchObject(first);
    expect(await store.streamVersion(streamId)).toBe(3);
  });

  it('answers a command re-decided later (after a reset) with the events the log holds, not its own', async () => {
    const streamId = uniqueId('store-redecided');
    const commandId = uniqueId('cmd');
    const first = {
      ...plainEvent('Opened'),
      occurredAt: '2026-11-01T10:00:00.000Z',
      data: { dueAt: 'first' },
    };
    await store.append({ streamId, expectedVersion: 0, commandId, events: [first] });

    const again = { ...first, occurredAt: '2026-11-02T10:00:00.000Z', data: { dueAt: 'second' } };
    const answer = await store.append({ streamId, expectedVersion: 0, commandId, events: [again] });
    expect(answer.loggedEvents).toEqual([
      expect.objectContaining({
        type: 'test.Opened',
        occurredAt: first.occurredAt,
        data: { dueAt: 'first' },
      }),
    ]);
    expect((await store.readStream(streamId)).map((event) => event.data)).toEqual([{ dueAt: 'first' }]);
  });

  it('rejects a reused command id that carries different events, and stores nothing', async () => {
    const streamId = uniqueId('store-conflict');
    const commandId = uniqueId('cmd');
    await store.append({ streamId, expectedVersion: 0, commandId, events: [plainEvent('Opened')] });

    const otherTypes = store.append({
      streamId,
      expectedVersion: 0,
      commandId,
      events: [plainEvent('Other')],
    });
    await expect(otherTypes).rejects.toBeInstanceOf(AppendConflictError);
    await expect(otherTypes).rejects.toMatchObject({ code: PERSISTENCE_ERROR_CODES.appendConflict });

    const moreEvents = store.append({
      streamId,
      expectedVersion: 0,
      commandId,
      events: [plainEvent('Opened'), plainEvent('Extra')],
    });
    await expect(moreEvents).rejects.toBeInstanceOf(AppendConflictError);

    const otherStream = store.append({
      streamId: uniqueId('store-conflict-other'),
      expectedVersion: 0,
      commandId,
      events: [plainEvent('Opened')],
    });
    await expect(otherStream).rejects.toBeInstanceOf(AppendConflictError);
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('lets exactly one of many concurrent appends at the same version win, leaving no gap or duplicate', async () => {
    const streamId = uniqueId('store-race');
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A')],
    });

    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        store.append({
          streamId,
          expectedVersion: 1,
          commandId: uniqueId('cmd'),
          events: [plainEvent('Raced', { index }), plainEvent('Raced', { index })],
        }),
      ),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const lost = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const attempt of lost) {
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    }
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(new Set(events.slice(1).map((event) => JSON.stringify(event.data))).size).toBe(1);
  });

  it('appends a command retried concurrently only once and gives both callers the same result', async () => {
    const streamId = uniqueId('store-race-retry');
    const request = {
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('Opened')],
    };
    const [a, b, c] = await Promise.all([
      store.append(request),
      store.append(request),
      store.append(request),
    ]);
    // One of them wrote; the others were answered as retries, with the same positions and ids.
    const positions = (result: typeof a) => ({ ids: result.eventIds, at: result.globalPositions });
    expect(positions(b)).toEqual(positions(a));
    expect(positions(c)).toEqual(positions(a));
    expect([a, b, c].filter((result) => result.loggedEvents === undefined)).toHaveLength(1);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('rejects malformed appends before touching the database', async () => {
    const streamId = uniqueId('store-invalid');
    const base = { streamId, expectedVersion: 0, commandId: uniqueId('cmd'), events: [plainEvent('A')] };
    await expect(store.append({ ...base, events: [] })).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.append({ ...base, expectedVersion: -1 })).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.append({ ...base, streamId: '' })).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(
      store.append({ ...base, events: [{ ...plainEvent('A'), occurredAt: 'not a date' }] }),
    ).rejects.toMatchObject({ code: PERSISTENCE_ERROR_CODES.invalidAppend });
    expect(await store.streamVersion(streamId)).toBe(0);
  });

  describe('batches of commands', () => {
    const batchOf = (streamId: string, expectedVersion: number, ...types: string[][]) => ({
      streamId,
      expectedVersion,
      commands: types.map((names) => ({
        commandId: uniqueId('cmd'),
        events: names.map((name) => plainEvent(name)),
      })),
    });

    it('appends every command of a batch in one transaction and answers a retry with the events as logged', async () => {
      const streamId = uniqueId('store-batch');
      const batch = batchOf(streamId, 0, ['Opened', 'Approved'], ['Noted']);
      const first = await store.appendCommands(batch);
      expect(first).toMatchObject({
        appended: true,
        version: 3,
        recordedCommandIds: batch.commands.map((command) => command.commandId),
      });
      expect(first.loggedEvents.map((event) => [event.seq, event.type])).toEqual([
        [1, 'test.Opened'],
        [2, 'test.Approved'],
        [3, 'test.Noted'],
      ]);

      const retried = await store.appendCommands(batch);
      expect(retried).toEqual({ ...first, appended: false });
      expect(await store.streamVersion(streamId)).toBe(3);
      // Each command is recorded on its own: a single-command retry of the second finds it.
      const single = await store.append({
        streamId,
        expectedVersion: 2,
        commandId: batch.commands[1].commandId,
        events: batch.commands[1].events,
      });
      expect(single.eventIds).toEqual([`${streamId}:3`]);
    });

    it('never merges a new action decided behind the log into one the log holds, even of the same type', async () => {
      const streamId = uniqueId('store-behind');
      await store.appendCommands(batchOf(streamId, 0, ['Opened']));
      const firstScan = batchOf(streamId, 1, ['Scanned']);
      await store.appendCommands(firstScan);

      // A second scan, decided by a run reset behind the log at the version the first was recorded at.
      const secondScan = batchOf(streamId, 1, ['Scanned']);
      const behind = await store.appendCommands(secondScan);
      expect(behind).toMatchObject({ appended: false, version: 2, recordedCommandIds: [] });
      expect(behind.loggedEvents.map((event) => [event.seq, event.type])).toEqual([[2, 'test.Scanned']]);
      expect(await store.streamVersion(streamId)).toBe(2);

      // Decided again on the caught-up state, it goes after the log's head.
      const caughtUp = await store.appendCommands({ ...secondScan, expectedVersion: behind.version });
      expect(caughtUp).toMatchObject({ appended: true, version: 3 });
      expect((await store.readStream(streamId)).map((event) => event.seq)).toEqual([1, 2, 3]);
    });

    it('names the commands of a batch the log already holds, and writes none of the batch', async () => {
      const streamId = uniqueId('store-partly');
      const opened = batchOf(streamId, 0, ['Opened'], ['Approved']);
      await store.appendCommands(opened);
      const again = {
        streamId,
        expectedVersion: 0,
        commands: [opened.commands[0], { commandId: uniqueId('cmd'), events: [plainEvent('Cancelled')] }],
      };
      const answer = await store.appendCommands(again);
      expect(answer).toMatchObject({
        appended: false,
        version: 2,
        recordedCommandIds: [opened.commands[0].commandId],
      });
      expect(answer.loggedEvents.map((event) => event.type)).toEqual(['test.Opened', 'test.Approved']);
      expect(await store.streamVersion(streamId)).toBe(2);
    });

    it('refuses a command id recorded for another stream, and malformed batches', async () => {
      const streamId = uniqueId('store-foreign');
      const other = batchOf(uniqueId('store-other'), 0, ['Opened']);
      await store.appendCommands(other);
      await expect(
        store.appendCommands({ streamId, expectedVersion: 0, commands: other.commands }),
      ).rejects.toBeInstanceOf(AppendConflictError);
      const command = { commandId: uniqueId('cmd'), events: [plainEvent('A')] };
      for (const bad of [
        { streamId, expectedVersion: 0, commands: [] },
        { streamId, expectedVersion: 0, commands: [command, command] },
        { streamId, expectedVersion: 0, commands: [{ ...command, events: [] }] },
        { streamId, expectedVersion: -1, commands: [command] },
      ]) {
        await expect(store.appendCommands(bad)).rejects.toBeInstanceOf(InvalidAppendError);
      }
      expect(await store.streamVersion(streamId)).toBe(0);
    });
  });

  it('reads the whole log in global order after a position', async () => {
    const streamId = uniqueId('store-read-all');
    const { globalPositions } = await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A'), plainEvent('B'), plainEvent('C')],
    });
    const page = await store.readAll(globalPositions[0], 2);
    expect(page).toHaveLength(2);
    expect(page[0].globalPosition).toBeGreaterThan(globalPositions[0]);
    expect(page[1].globalPosition).toBeGreaterThan(page[0].globalPosition);
    const mine = (await store.readAll(globalPositions[0] - 1, 1000)).filter((e) => e.streamId === streamId);
    expect(mine.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  describe('the database itself', () => {
    let client: Client;
    let streamId: string;

    beforeAll(async () => {
      client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      streamId = uniqueId('store-immutable');
      await store.append({
        streamId,
        expectedVersion: 0,
        commandId: uniqueId('cmd'),
        events: [plainEvent('A')],
      });
    });

    afterAll(async () => {
      await client.end();
    });

    it('rejects an UPDATE of a recorded event', async () => {
      await expect(
        client.query(`UPDATE case_events SET type = 'tampered' WHERE stream_id = $1`, [streamId]),
      ).rejects.toMatchObject({ code: 'AS001', message: expect.stringMatching(/append-only: UPDATE/) });
    });

    it('rejects a DELETE of a recorded event', async () => {
      await expect(
        client.query(`DELETE FROM case_events WHERE stream_id = $1`, [streamId]),
      ).rejects.toMatchObject({
        code: 'AS001',
        message: expect.stringMatching(/append-only: DELETE/),
      });
    });

    it('rejects a TRUNCATE of the event log', async () => {
      await expect(client.query(`TRUNCATE case_events`)).rejects.toMatchObject({ code: 'AS001' });
      expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['test.A']);
    });

    it('refuses a second event at a taken seq even from a writer that bypasses the store', async () => {
      await expect(
        client.query(
          `INSERT INTO case_events (stream_id, seq, event_id, type, data, actor, occurred_at)
           VALUES ($1, 1, $2, 'test.Dup', '{}', '{}', now())`,
          [streamId, `${streamId}:dup`],
        ),
      ).rejects.toMatchObject({ code: '23505', constraint: 'case_events_stream_seq_key' });
    });
  });
});
