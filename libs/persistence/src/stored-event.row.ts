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

/**
 * Maps a `case_events` row to a {@link StoredEvent}; its times as pg's Dates, or as ISO strings
 * when the query formatted them already (the rebuild's reads).
 */
export function toStoredEvent(
  row: Omit<CaseEventRow, 'occurred_at' | 'recorded_at'> & {
    occurred_at: Date | string;
    recorded_at: Date | string;
  },
): StoredEvent {
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
    occurredAt: isoTimeOf(row.occurred_at),
    recordedAt: isoTimeOf(row.recorded_at),
  };
}

function isoTimeOf(time: Date | string): string {
  return typeof time === 'string' ? time : toIsoString(time);
}
