import { QueryRunner } from 'typeorm';
import { StoredEvent } from './stored-event.types';

/**
 * A read model kept asynchronously by a {@link Projector}: handles batches of events in the log's
 * commit order, in the same transaction that moves its checkpoint.
 */
export interface AsyncProjection {
  /** Stable name: the checkpoint key and the advisory lock key. Changing it replays from the start. */
  readonly name: string;
  /** Applies a batch (ordered by transaction id, then global position) inside `tx`. */
  handle(tx: QueryRunner, events: readonly StoredEvent[]): Promise<void>;
  /** Empties the read model inside `tx`, before a replay from the start of the log. */
  reset(tx: QueryRunner): Promise<void>;
}
