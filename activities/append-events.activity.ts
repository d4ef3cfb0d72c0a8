import { ApplicationFailure } from '@temporalio/common';
import {
  AppendCommandsRequest,
  AppendCommandsResult,
  AppendConflictError,
  AppendRequest,
  AppendResult,
  EventStore,
  InvalidAppendError,
  LoggedEvent,
  WrongExpectedVersionError,
} from '../libs/persistence/src';
import { APPEND_REJECTED } from '../libs/definitions/src';

/** A refusal of the store that no retry changes, as a non-retryable failure; anything else as thrown. */
function asActivityFailure(error: unknown): unknown {
  if (
    error instanceof WrongExpectedVersionError ||
    error instanceof AppendConflictError ||
    error instanceof InvalidAppendError
  ) {
    return ApplicationFailure.nonRetryable(error.message, APPEND_REJECTED, { code: error.code });
  }
  return error;
}

/** The event-log activities: append a case's events to PostgreSQL. */
export function createEventLogActivities(eventStore: EventStore) {
  return {
    /**
     * Appends the events every command of one workflow task decided, in one transaction (a retry
     * writes nothing twice). Behind the log, it writes nothing and answers what the workflow has not
     * seen, so the workflow decides again on the log's state; only a malformed batch or a command id
     * of another case is refused for good.
     */
    async appendCaseCommands(request: AppendCommandsRequest): Promise<AppendCommandsResult> {
      try {
        return await eventStore.appendCommands(request);
      } catch (error) {
        throw asActivityFailure(error);
      }
    },

    /** The case's events after `afterVersion`, as logged: what a run that knows only that much has not seen. */
    async readCaseEvents(request: { streamId: string; afterVersion: number }): Promise<LoggedEvent[]> {
      const stored = await eventStore.readStream(request.streamId, request.afterVersion + 1);
      return stored.map(({ seq, type, schemaVersion, occurredAt, actor, data }) => ({
        seq,
        type,
        schemaVersion,
        occurredAt,
        actor,
        data,
      }));
    },

    /**
     * One command's events, as workflows recorded before appendCaseCommands append them (their
     * histories replay with it). A version or command conflict is not retried, because the workflow
     * is the stream's only writer and a conflict means something else wrote to it.
     */
    async appendCaseEvents(request: AppendRequest): Promise<AppendResult> {
      try {
        return await eventStore.append(request);
      } catch (error) {
        throw asActivityFailure(error);
      }
    },
  };
}

/** The event-log activities' interface, for the workflow's proxy. */
export type EventLogActivities = ReturnType<typeof createEventLogActivities>;
