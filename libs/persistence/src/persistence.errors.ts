/** Codes of the errors this library raises; callers branch on `code`, never on the class name. */
export const PERSISTENCE_ERROR_CODES = {
  /** The stream's version is not the one the append expected (someone else appended first). */
  wrongExpectedVersion: 'WRONG_EXPECTED_VERSION',
  /** A command id already recorded is reused for different events. */
  appendConflict: 'APPEND_CONFLICT',
  /** The append request itself is malformed (no events, bad stream id, negative version). */
  invalidAppend: 'INVALID_APPEND',
  /** Something tried to UPDATE, DELETE or TRUNCATE the append-only event log. */
  eventLogImmutable: 'EVENT_LOG_IMMUTABLE',
  /** A list cursor that this service did not issue (or that was tampered with). */
  invalidCursor: 'INVALID_CURSOR',
  /** A list or query argument out of range (for example a limit of 0). */
  invalidQuery: 'INVALID_QUERY',
  /** A rebuild is already running elsewhere. */
  rebuildInProgress: 'REBUILD_IN_PROGRESS',
} as const;

/** One of {@link PERSISTENCE_ERROR_CODES}. */
export type PersistenceErrorCode = (typeof PERSISTENCE_ERROR_CODES)[keyof typeof PERSISTENCE_ERROR_CODES];

/** Base of every error this library raises: a value with a stable code. */
export abstract class PersistenceError extends Error {
  abstract override readonly name: string;

  protected constructor(
    readonly code: PersistenceErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** The stream is at `actualVersion`, not at the `expectedVersion` the append was decided on. */
export class WrongExpectedVersionError extends PersistenceError {
  override readonly name = 'WrongExpectedVersionError';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    cause?: unknown,
  ) {
    super(
      PERSISTENCE_ERROR_CODES.wrongExpectedVersion,
      `Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`,
      cause,
    );
  }
}

/** The command id was already used to append other events (or to another stream). */
export class AppendConflictError extends PersistenceError {
  override readonly name = 'AppendConflictError';

  constructor(
    readonly commandId: string,
    readonly streamId: string,
    detail: string,
  ) {
    super(
      PERSISTENCE_ERROR_CODES.appendConflict,
      `Command ${commandId} was already appended to ${streamId} with different events: ${detail}`,
    );
  }
}

/** The append request is malformed; nothing was written. */
export class InvalidAppendError extends PersistenceError {
  override readonly name = 'InvalidAppendError';

  constructor(message: string) {
    super(PERSISTENCE_ERROR_CODES.invalidAppend, message);
  }
}

/** The database refused to change or remove recorded events (the log is append-only). */
export class EventLogImmutableError extends PersistenceError {
  override readonly name = 'EventLogImmutableError';

  constructor(cause?: unknown) {
    super(PERSISTENCE_ERROR_CODES.eventLogImmutable, 'case_events is append-only', cause);
  }
}

/** The list cursor could not be decoded. */
export class InvalidCursorError extends PersistenceError {
  override readonly name = 'InvalidCursorError';

  constructor(readonly cursor: string) {
    super(PERSISTENCE_ERROR_CODES.invalidCursor, 'The cursor is not one this service issued');
  }
}

/** A query argument is out of range; `field` names it. */
export class InvalidQueryError extends PersistenceError {
  override readonly name = 'InvalidQueryError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(PERSISTENCE_ERROR_CODES.invalidQuery, message);
  }
}

/** Another process holds the rebuild lock of this read model. */
export class RebuildInProgressError extends PersistenceError {
  override readonly name = 'RebuildInProgressError';

  constructor(readonly readModel: string) {
    super(PERSISTENCE_ERROR_CODES.rebuildInProgress, `A rebuild of ${readModel} is already running`);
  }
}
