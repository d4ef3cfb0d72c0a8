/** An event to append: what happened, when, by whom; the store assigns seq, id and positions. */
export interface NewEvent {
  /** The domain event type (one of libs/domain's exported event type constants). */
  type: string;
  /** Version of the `data` shape of this type, so old events can be upcast when read. */
  schemaVersion: number;
  /** When it happened in the domain (the workflow's clock), ISO 8601 or a Date. */
  occurredAt: string | Date;
  /** Who caused it (customer, merchant, system timer, ...), stored as JSON. */
  actor: unknown;
  /** The event's payload, stored as JSON. */
  data: unknown;
}

/** One append: events for one stream, decided at `expectedVersion`, identified by `commandId`. */
export interface AppendRequest {
  /** The stream (the case id). */
  streamId: string;
  /** The number of events the decider saw in the stream; 0 for a new stream. */
  expectedVersion: number;
  /** Made once by the caller (inside the workflow) and reused on every retry of this append. */
  commandId: string;
  /** At least one event, in order. */
  events: readonly NewEvent[];
}

/** What an append returns; a retry of the same command returns the same value. */
export interface AppendResult {
  /** The stream's version after the append: the expected version of the next one. */
  nextExpectedVersion: number;
  /** The global positions given to the events, in order. */
  globalPositions: number[];
  /** The deterministic event ids `<streamId>:<seq>`, in order. */
  eventIds: string[];
  /**
   * Present when the command had been appended before: the events as the log holds them. A retry
   * gets its own events back; a run re-executed after a reset, which decided the same kinds of
   * events at other times, learns what the log recorded and goes on from that.
   */
  loggedEvents?: NewEvent[];
}

/** An event as recorded in `case_events`. */
export interface StoredEvent {
  /** Position in the whole log (bigserial: unique and increasing, but commits may land out of order). */
  globalPosition: number;
  /** The writing transaction's id (xid8, as a decimal string), the projectors' ordering key. */
  transactionId: string;
  streamId: string;
  /** Position in the stream, from 1 without gaps. */
  seq: number;
  /** `<streamId>:<seq>`. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  actor: unknown;
  /** ISO 8601 UTC. */
  occurredAt: string;
  /** ISO 8601 UTC: when the database recorded it. */
  recordedAt: string;
}

/** The deterministic id of the event at `seq` of `streamId`. */
export function eventIdOf(streamId: string, seq: number): string {
  return `${streamId}:${seq}`;
}

/** One command of a batch: the id its decider gave it, and the events it decided (at least one). */
export interface CommandEvents {
  /** Unique per action (the caller's action id, or a workflow uuid for the system's own work). */
  commandId: string;
  events: readonly NewEvent[];
}

/** Commands decided one after the other on the stream at `expectedVersion`, appended in one transaction. */
export interface AppendCommandsRequest {
  streamId: string;
  /** The number of events the decider saw in the stream when it decided the first command. */
  expectedVersion: number;
  /** At least one command, in the order they were decided. */
  commands: readonly CommandEvents[];
}

/** An event as the log holds it, in the shape it was appended, with its place in the stream. */
export interface LoggedEvent extends NewEvent {
  seq: number;
  occurredAt: string;
}

/**
 * What the log answers to a batch. The batch is appended only when the stream is still at its
 * expected version and none of its commands is in the log yet; otherwise nothing is written, and
 * the answer says which commands the log already holds and what the caller has not seen yet.
 */
export interface AppendCommandsResult {
  /** Whether this call wrote the batch. */
  appended: boolean;
  /** The stream's version now. */
  version: number;
  /** The stream's events after the batch's expected version, as logged, in seq order. */
  loggedEvents: LoggedEvent[];
  /** The batch's command ids the log holds (appended by this call or before it). */
  recordedCommandIds: string[];
}
