import { StoredEvent } from './stored-event.types';
import { toIsoString, toSafeNumber } from './sql';

/** The columns every event read selects, in the shape {@link CaseEventRow} expects. */
export const CASE_EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id, seq,
  event_id, type, schema_version, data, actor, occurred_at, recorded_at`;

/** A `case_events` row as pg returns it for {@link CASE_EVENT_COLUMNS}. */
export interface CaseEventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  seq: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  actor: unknown;
  occurred_at: Date;
  recorded_at: Date;
}

/** Maps a `case_events` row to a {@link StoredEvent}. */
export function toStoredEvent(row: CaseEventRow): StoredEvent {
  return {
    globalPosition: toSafeNumber(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    seq: row.seq,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    actor: row.actor,
    occurredAt: toIsoString(row.occurred_at),
    recordedAt: toIsoString(row.recorded_at),
  };
}
