import { DataSource, QueryRunner } from 'typeorm';
import { InlineProjection } from './inline-projection';
import { AppendConflictError, EventLogImmutableError, WrongExpectedVersionError } from './persistence.errors';
import { ADVISORY_LOCK_CLASS, inTransaction, pgError, queryRows, SQLSTATE, toSafeNumber } from './sql';
import { validateAppend, validateCommands } from './event-store.validation';
import { CASE_EVENT_COLUMNS, CaseEventRow, toStoredEvent } from './stored-event.row';
import {
  AppendCommandsRequest,
  AppendCommandsResult,
  AppendRequest,
  AppendResult,
  eventIdOf,
  LoggedEvent,
  NewEvent,
  StoredEvent,
} from './stored-event.types';

/** Options of an {@link EventStore}. */
export interface EventStoreOptions {
  /** The read models updated in each append's transaction, in this order; none when omitted. */
  inlineProjections?: readonly InlineProjection[];
}

/** Default and largest page of {@link EventStore.readAll}. */
const READ_ALL_DEFAULT_LIMIT = 1000;
const READ_ALL_MAX_LIMIT = 10000;

/**
 * The domain event log: appends with an expected version, idempotent on the command id, and hands
 * the appended events to its inline projections in the same transaction; reads a stream or the log.
 */
export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: EventStoreOptions = {},
  ) {}

  /**
   * Appends `events` to `streamId` if it is at `expectedVersion`, in one transaction that records
   * the command id; a retry of an already appended command returns the stored result and writes
   * nothing. Throws WrongExpectedVersionError, AppendConflictError or InvalidAppendError.
   */
  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, (tx) => this.appendInTransaction(tx, request));
    } catch (error) {
      throw await this.translateAppendError(error, request);
    } finally {
      await runner.release();
    }
  }

  /**
   * Appends the events of several commands, decided one after the other from `expectedVersion`, in
   * one transaction that records every command id. When the stream has moved past the expected
   * version or holds one of the commands already (a retry, or a run reset behind its log), nothing is
   * written: the answer carries the events the caller has not seen and the commands the log holds, so
   * the caller decides the rest again on the log's state. Throws AppendConflictError (a command id of
   * another stream) or InvalidAppendError.
   */
  async appendCommands(request: AppendCommandsRequest): Promise<AppendCommandsResult> {
    validateCommands(request);
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, (tx) => this.appendCommandsInTransaction(tx, request));
    } catch (error) {
      throw await this.translateAppendError(error, request);
    } finally {
      await runner.release();
    }
  }

  /** The stream's events from `fromSeq` (default 1) on, in seq order. */
  async readStream(streamId: string, fromSeq = 1): Promise<StoredEvent[]> {
    return this.withRunner((runner) => readStreamEvents(runner, streamId, fromSeq));
  }

  /**
   * Up to `limit` events with a global position above `afterPosition`, in global order. A page
   * may miss an event whose transaction is still open; projectors use {@link Projector} instead.
   */
  async readAll(afterPosition = 0, limit = READ_ALL_DEFAULT_LIMIT): Promise<StoredEvent[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > READ_ALL_MAX_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${READ_ALL_MAX_LIMIT}`);
    }
    return this.withRunner(async (runner) => {
      const rows = await queryRows<CaseEventRow>(
        runner,
        `SELECT ${CASE_EVENT_COLUMNS} FROM case_events
         WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [afterPosition, limit],
      );
      return rows.map(toStoredEvent);
    });
  }

  /** The stream's current version: the number of events in it (0 when it does not exist). */
  async streamVersion(streamId: string): Promise<number> {
    return this.withRunner((runner) => currentVersion(runner, streamId));
  }

  private async appendInTransaction(tx: QueryRunner, request: AppendRequest): Promise<AppendResult> {
    const { streamId, expectedVersion, commandId, events } = request;
    // A concurrent append of the same command waits here for the first one to commit or roll back.
    const recorded = await queryRows<{ command_id: string }>(
      tx,
      `INSERT INTO case_commands (command_id, stream_id) VALUES ($1, $2)
       ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
      [commandId, streamId],
    );
    if (recorded.length === 0) return storedResultOfRetry(tx, request);

    // One appender per stream at a time; the unique (stream_id, seq) constraint is the backstop.
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ADVISORY_LOCK_CLASS.stream, streamId]);
    const actualVersion = await currentVersion(tx, streamId);
    if (actualVersion !== expectedVersion) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, actualVersion);
    }

    const stored = await insertEvents(tx, request);
    await this.projectInline(tx, request, stored);

    const result: AppendResult = {
      nextExpectedVersion: expectedVersion + events.length,
      globalPositions: stored.map((event) => event.globalPosition),
      eventIds: stored.map((event) => event.eventId),
    };
    await tx.query(`UPDATE case_commands SET result = $2::jsonb WHERE command_id = $1`, [
      commandId,
      JSON.stringify(result),
    ]);
    return result;
  }

  private async appendCommandsInTransaction(
    tx: QueryRunner,
    request: AppendCommandsRequest,
  ): Promise<AppendCommandsResult> {
    const { streamId, expectedVersion, commands } = request;
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ADVISORY_LOCK_CLASS.stream, streamId]);
    const recordedCommandIds = await recordedCommands(tx, request);
    const actualVersion = await currentVersion(tx, streamId);
    if (recordedCommandIds.length > 0 || actualVersion !== expectedVersion) {
      const unseen = await readStreamEvents(tx, streamId, expectedVersion + 1);
      return {
        appended: false,
        version: actualVersion,
        loggedEvents: unseen.map(toLoggedEvent),
        recordedCommandIds,
      };
    }
    const events = commands.flatMap((command) => command.events);
    const stored = await insertEvents(tx, { streamId, expectedVersion, events });
    await this.projectInline(tx, request, stored);
    let offset = 0;
    for (const command of commands) {
      const own = stored.slice(offset, offset + command.events.length);
      offset += own.length;
      const result: AppendResult = {
        nextExpectedVersion: own[own.length - 1].seq,
        globalPositions: own.map((event) => event.globalPosition),
        eventIds: own.map((event) => event.eventId),
      };
      await tx.query(`INSERT INTO case_commands (command_id, stream_id, result) VALUES ($1, $2, $3::jsonb)`, [
        command.commandId,
        streamId,
        JSON.stringify(result),
      ]);
    }
    return {
      appended: true,
      version: expectedVersion + events.length,
      loggedEvents: stored.map(toLoggedEvent),
      recordedCommandIds: commands.map((command) => command.commandId),
    };
  }

  private async projectInline(
    tx: QueryRunner,
    request: { streamId: string; expectedVersion: number },
    stored: StoredEvent[],
  ): Promise<void> {
    const { streamId, expectedVersion } = request;
    const appended = {
      streamId,
      expectedVersion,
      events: stored,
      readStream: () => readStreamEvents(tx, streamId, 1),
    };
    for (const projection of this.options.inlineProjections ?? []) await projection.project(tx, appended);
  }

  private async translateAppendError(
    error: unknown,
    request: { streamId: string; expectedVersion: number },
  ): Promise<unknown> {
    const fields = pgError(error);
    if (fields?.code === SQLSTATE.eventLogImmutable) return new EventLogImmutableError(error);
    if (fields?.code !== SQLSTATE.uniqueViolation || !fields.constraint?.startsWith('case_events_')) {
      return error;
    }
    // Lost a race the advisory lock should have prevented (e.g. a writer that bypassed it).
    const actualVersion = await this.streamVersion(request.streamId);
    return new WrongExpectedVersionError(request.streamId, request.expectedVersion, actualVersion, error);
  }

  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }
}

/** Reads `streamId` from `fromSeq` on, on the given connection (inside its transaction if any). */
export async function readStreamEvents(
  runner: QueryRunner,
  streamId: string,
  fromSeq = 1,
): Promise<StoredEvent[]> {
  const rows = await queryRows<CaseEventRow>(
    runner,
    `SELECT ${CASE_EVENT_COLUMNS} FROM case_events WHERE stream_id = $1 AND seq >= $2 ORDER BY seq`,
    [streamId, fromSeq],
  );
  return rows.map(toStoredEvent);
}

async function currentVersion(runner: QueryRunner, streamId: string): Promise<number> {
  const rows = await queryRows<{ version: number }>(
    runner,
    `SELECT COALESCE(MAX(seq), 0)::int AS version FROM case_events WHERE stream_id = $1`,
    [streamId],
  );
  return rows[0].version;
}

/** The ids of the batch's commands the log holds; AppendConflictError when one was recorded for another stream. */
async function recordedCommands(tx: QueryRunner, request: AppendCommandsRequest): Promise<string[]> {
  const { streamId, commands } = request;
  const rows = await queryRows<{ command_id: string; stream_id: string }>(
    tx,
    `SELECT command_id, stream_id FROM case_commands WHERE command_id = ANY($1::text[])`,
    [commands.map((command) => command.commandId)],
  );
  const foreign = rows.find((row) => row.stream_id !== streamId);
  if (foreign) {
    throw new AppendConflictError(
      foreign.command_id,
      streamId,
      `it was recorded for stream ${foreign.stream_id}`,
    );
  }
  const recorded = new Set(rows.map((row) => row.command_id));
  return commands.map((command) => command.commandId).filter((id) => recorded.has(id));
}

/** A stored event in the shape it was appended, with its seq. */
function toLoggedEvent({ seq, type, schemaVersion, occurredAt, actor, data }: StoredEvent): LoggedEvent {
  return { seq, type, schemaVersion, occurredAt, actor, data };
}

async function insertEvents(
  tx: QueryRunner,
  request: { streamId: string; expectedVersion: number; events: readonly NewEvent[] },
): Promise<StoredEvent[]> {
  const { streamId, expectedVersion, events } = request;
  const parameters: unknown[] = [];
  const tuples = events.map((event, index) => {
    const seq = expectedVersion + index + 1;
    const base = parameters.length;
    parameters.push(
      streamId,
      seq,
      eventIdOf(streamId, seq),
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data ?? null),
      JSON.stringify(event.actor ?? null),
      event.occurredAt instanceof Date ? event.occurredAt.toISOString() : event.occurredAt,
    );
    const p = (offset: number) => `$${base + offset}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, ${p(7)}::jsonb, ${p(8)}::timestamptz)`;
  });
  const rows = await queryRows<CaseEventRow>(
    tx,
    `INSERT INTO case_events (stream_id, seq, event_id, type, schema_version, data, actor, occurred_at)
     VALUES ${tuples.join(', ')}
     RETURNING ${CASE_EVENT_COLUMNS}`,
    parameters,
  );
  return rows.map(toStoredEvent).sort((a, b) => a.seq - b.seq);
}

/** The result stored for a command already appended, after checking the retry asks for the same events. */
async function storedResultOfRetry(tx: QueryRunner, request: AppendRequest): Promise<AppendResult> {
  const { commandId, streamId, expectedVersion, events } = request;
  const [command] = await queryRows<{ stream_id: string; result: AppendResult | null }>(
    tx,
    `SELECT stream_id, result FROM case_commands WHERE command_id = $1`,
    [commandId],
  );
  if (!command || command.result === null) {
    throw new AppendConflictError(commandId, streamId, 'the recorded command has no result');
  }
  if (command.stream_id !== streamId) {
    throw new AppendConflictError(commandId, streamId, `it was recorded for stream ${command.stream_id}`);
  }
  const result = command.result;
  const requestedIds = events.map((_, index) => eventIdOf(streamId, expectedVersion + index + 1));
  if (!sameList(requestedIds, result.eventIds)) {
    throw new AppendConflictError(
      commandId,
      streamId,
      `event ids ${requestedIds.join(',')} instead of ${result.eventIds.join(',')}`,
    );
  }
  const logged = (
    await queryRows<CaseEventRow>(
      tx,
      `SELECT ${CASE_EVENT_COLUMNS} FROM case_events WHERE event_id = ANY($1::text[]) ORDER BY seq`,
      [result.eventIds],
    )
  ).map(toStoredEvent);
  const requestedTypes = events.map((event) => event.type);
  const recordedTypes = logged.map((event) => event.type);
  if (!sameList(requestedTypes, recordedTypes)) {
    throw new AppendConflictError(
      commandId,
      streamId,
      `event types ${requestedTypes.join(',')} instead of ${recordedTypes.join(',')}`,
    );
  }
  return {
    nextExpectedVersion: result.nextExpectedVersion,
    globalPositions: result.globalPositions.map(toSafeNumber),
    eventIds: [...result.eventIds],
    loggedEvents: logged.map(({ type, schemaVersion, occurredAt, actor, data }) => ({
      type,
      schemaVersion,
      occurredAt,
      actor,
      data,
    })),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
