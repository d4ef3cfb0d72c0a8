import { QueryRunner } from 'typeorm';
import { StoredEvent } from './stored-event.types';

/** The events one append wrote to a stream, as the store hands them to its inline projections. */
export interface AppendedEvents {
  readonly streamId: string;
  /** The stream's version before the append (0 for a new stream). */
  readonly expectedVersion: number;
  /** The events just written, in seq order. */
  readonly events: readonly StoredEvent[];
  /** The whole stream as the append's transaction sees it (read on demand). */
  readStream(): Promise<StoredEvent[]>;
}

/**
 * A read model kept in the append's own transaction. It owns its table: the store only appends
 * and hands each append's events to its inline projections, in the transaction `tx`.
 */
export interface InlineProjection {
  /** Stable name, for logs and reports. */
  readonly name: string;
  /** Writes what the appended events change in the projection's table. */
  project(tx: QueryRunner, appended: AppendedEvents): Promise<void>;
}
