import { DataSource, QueryRunner } from 'typeorm';
import { AsyncProjection } from './async-projection';
import { ADVISORY_LOCK_CLASS, inTransaction, queryRows, toSafeNumber } from './sql';
import { CASE_EVENT_COLUMNS, CaseEventRow, toStoredEvent } from './stored-event.row';
import { StoredEvent } from './stored-event.types';

/** How far a projector has read: the last event handled, in (transaction id, global position) order. */
export interface ProjectorCheckpoint {
  /** xid8 of the last handled event's transaction, as a decimal string ('0' before the first). */
  transactionId: string;
  /** Global position of the last handled event (0 before the first). */
  globalPosition: number;
}

/** What one {@link Projector.runOnce} did. */
export interface ProjectorRunResult {
  /** False when another instance holds this projector's lock: nothing was read. */
  acquired: boolean;
  /** Events handled in this batch. */
  processed: number;
  /** The checkpoint after the batch. */
  checkpoint: ProjectorCheckpoint;
}

/** Options of a {@link Projector}. */
export interface ProjectorOptions {
  /** Most events per batch and transaction (default 500). */
  batchSize?: number;
}

/** Options of {@link Projector.start}. */
export interface ProjectorPollingOptions {
  /** Pause between polls once caught up (default 1000 ms). */
  pollIntervalMs?: number;
  /** Told about a failed poll; the projector keeps polling. */
  onError?: (error: unknown) => void;
}

const INITIAL_CHECKPOINT: ProjectorCheckpoint = { transactionId: '0', globalPosition: 0 };

/**
 * Runs one {@link AsyncProjection} from its checkpoint. Reads only events of transactions older
 * than every transaction still running (emmett's `transaction_id < pg_snapshot_xmin(...)` rule),
 * in (transaction_id, global_position) order, so an event committed out of global order is
 * delayed, never skipped. Batch and checkpoint commit together; an advisory lock keeps it to one
 * running instance per projection name.
 */
export class Projector {
  private readonly batchSize: number;
  private polling: { stopped: boolean; timer?: NodeJS.Timeout; running?: Promise<void> } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    readonly projection: AsyncProjection,
    options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError('batchSize must be a positive integer');
    }
  }

  /** Handles at most one batch; does nothing (acquired: false) while another instance runs. */
  async runOnce(): Promise<ProjectorRunResult> {
    return this.inTransaction(async (tx) => {
      const [{ acquired }] = await queryRows<{ acquired: boolean }>(
        tx,
        `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS acquired`,
        [ADVISORY_LOCK_CLASS.projector, this.projection.name],
      );
      const checkpoint = await readCheckpoint(tx, this.projection.name);
      if (!acquired) return { acquired, processed: 0, checkpoint };

      const events = await readBatch(tx, checkpoint, this.batchSize);
      if (events.length === 0) return { acquired, processed: 0, checkpoint };
      await this.projection.handle(tx, events);
      const last = events[events.length - 1];
      const next = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      await writeCheckpoint(tx, this.projection.name, next);
      return { acquired, processed: events.length, checkpoint: next };
    });
  }

  /** Runs batches until one comes back empty (or the lock is elsewhere); returns the events handled. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const run = await this.runOnce();
      total += run.processed;
      if (!run.acquired || run.processed < this.batchSize) return total;
    }
  }

  /** Empties the read model and moves the checkpoint to the start; waits for a running batch. */
  async reset(): Promise<void> {
    await this.inTransaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
        ADVISORY_LOCK_CLASS.projector,
        this.projection.name,
      ]);
      await this.projection.reset(tx);
      await writeCheckpoint(tx, this.projection.name, INITIAL_CHECKPOINT);
    });
  }

  /**
   * Resets and replays the whole log; returns the events handled. The reset and the replay commit
   * together, so readers see the old figures until the new ones are complete (never an empty or
   * half-replayed read model), and appends are never blocked (the projection's tables are its
   * own). The replay in that transaction stops at the events of transactions older than its own,
   * the usual catch-up handles the rest.
   */
  async rebuild(): Promise<number> {
    const replayed = await this.inTransaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
        ADVISORY_LOCK_CLASS.projector,
        this.projection.name,
      ]);
      await this.projection.reset(tx);
      let checkpoint = INITIAL_CHECKPOINT;
      let handled = 0;
      for (;;) {
        const events = await readBatch(tx, checkpoint, this.batchSize);
        if (events.length > 0) {
          await this.projection.handle(tx, events);
          const last = events[events.length - 1];
          checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
          handled += events.length;
        }
        if (events.length < this.batchSize) break;
      }
      await writeCheckpoint(tx, this.projection.name, checkpoint);
      return handled;
    });
    return replayed + (await this.catchUp());
  }

  /** The stored checkpoint (the initial one before the first batch). */
  async checkpoint(): Promise<ProjectorCheckpoint> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await readCheckpoint(runner, this.projection.name);
    } finally {
      await runner.release();
    }
  }

  /** Polls in the background: catches up, waits `pollIntervalMs`, repeats until {@link stop}. */
  start(options: ProjectorPollingOptions = {}): void {
    if (this.polling && !this.polling.stopped) return;
    const interval = options.pollIntervalMs ?? 1000;
    const polling: NonNullable<Projector['polling']> = { stopped: false };
    this.polling = polling;
    const tick = () => {
      polling.running = this.catchUp()
        .then(
          () => undefined,
          (error: unknown) => options.onError?.(error),
        )
        .finally(() => {
          if (!polling.stopped) polling.timer = setTimeout(tick, interval);
        });
    };
    tick();
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    const polling = this.polling;
    if (!polling) return;
    polling.stopped = true;
    if (polling.timer) clearTimeout(polling.timer);
    await polling.running;
  }

  private async inTransaction<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, work);
    } finally {
      await runner.release();
    }
  }
}

/**
 * The next batch after `checkpoint`: events of transactions older than every one still running,
 * in (transaction_id, global_position) order. Nothing before this read may give a short batch's
 * transaction an xid: it would hold xmin back to itself.
 */
async function readBatch(
  tx: QueryRunner,
  checkpoint: ProjectorCheckpoint,
  limit: number,
): Promise<StoredEvent[]> {
  // The order is the xid8 column's, not that of the `::text` alias the row is read with ('1000' < '999').
  const rows = await queryRows<CaseEventRow>(
    tx,
    `SELECT ${CASE_EVENT_COLUMNS} FROM case_events
     WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
     ORDER BY case_events.transaction_id, global_position
     LIMIT $3`,
    [checkpoint.transactionId, checkpoint.globalPosition, limit],
  );
  return rows.map(toStoredEvent);
}

async function readCheckpoint(runner: QueryRunner, name: string): Promise<ProjectorCheckpoint> {
  const rows = await queryRows<{ last_transaction_id: string; last_global_position: string }>(
    runner,
    `SELECT last_transaction_id::text AS last_transaction_id, last_global_position
     FROM projection_checkpoints WHERE name = $1`,
    [name],
  );
  if (rows.length === 0) return { ...INITIAL_CHECKPOINT };
  return {
    transactionId: rows[0].last_transaction_id,
    globalPosition: toSafeNumber(rows[0].last_global_position),
  };
}

async function writeCheckpoint(
  tx: QueryRunner,
  name: string,
  checkpoint: ProjectorCheckpoint,
): Promise<void> {
  await tx.query(
    `INSERT INTO projection_checkpoints (name, last_transaction_id, last_global_position, updated_at)
     VALUES ($1, $2::xid8, $3, now())
     ON CONFLICT (name) DO UPDATE SET last_transaction_id = EXCLUDED.last_transaction_id,
       last_global_position = EXCLUDED.last_global_position, updated_at = now()`,
    [name, checkpoint.transactionId, checkpoint.globalPosition],
  );
}
