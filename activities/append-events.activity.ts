import { ApplicationFailure } from '@temporalio/common';
import {
  AppendConflictError,
  AppendRequest,
  AppendResult,
  EventStore,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../libs/persistence/src';
import { APPEND_REJECTED } from '../libs/definitions/src';

/** The event-log activity: appends a case's events to PostgreSQL. */
export function createEventLogActivities(eventStore: EventStore) {
  return {
    /**
     * Appends events with the workflow's expected version and command id. A retry of the same command
     * returns the first result (no duplicate); a version or command conflict is not retried, because
     * the workflow is the stream's only writer and a conflict means something else wrote to it.
     */
    async appendCaseEvents(request: AppendRequest): Promise<AppendResult> {
      try {
        return await eventStore.append(request);
      } catch (error) {
        if (
          error instanceof WrongExpectedVersionError ||
          error instanceof AppendConflictError ||
          error instanceof InvalidAppendError
        ) {
          throw ApplicationFailure.nonRetryable(error.message, APPEND_REJECTED, { code: error.code });
        }
        throw error;
      }
    },
  };
}

/** The event-log activities' interface, for the workflow's proxy. */
export type EventLogActivities = ReturnType<typeof createEventLogActivities>;
