import { Inject, Injectable } from '@nestjs/common';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { EventStore } from '../../../../libs/persistence/src';
import {
  caseViewQuery,
  CaseViewPayload,
  OpsActionInput,
  opsActionUpdate,
} from '../../../../workflows/after-sales-case.definitions';
import { DATA_SOURCE } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { grpcMessageOf, grpcStatusOf } from './temporal-rpc';

/** How long recording an ops action in the case's log may take before the answer says it was not. */
const RECORD_TIMEOUT_MS = 10_000;
/** How long a reset run may take to re-execute up to the log's version before the RESET is recorded. */
const CATCH_UP_TIMEOUT_MS = 30_000;
const CATCH_UP_POLL_MS = 250;

/** Whether an ops action made it into the case's log, and if not, why. */
export interface RecordedAction {
  recorded: boolean;
  /** Why it was not recorded (the workflow did not take the update in time, or is not running). */
  recordError?: string;
}

/** The outcome of recording an ops action: whether it was recorded, and the case view it answered. */
export interface RecordingOutcome {
  result: RecordedAction;
  view?: CaseViewPayload;
}

/** Records ops actions in a case's event log (OPS_ACTION_RECORDED) through the workflow's `opsAction` update. */
@Injectable()
export class OpsActionRecorder {
  private readonly eventStore: EventStore;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly temporal: TemporalConnection,
  ) {
    this.eventStore = new EventStore(dataSource);
  }

  /** Sends the `opsAction` update (bounded): the event's answer is the view, or why it was not recorded. */
  async record(handle: WorkflowHandle, input: OpsActionInput, updateId: string): Promise<RecordingOutcome> {
    try {
      const view = await this.temporal.connection.withDeadline(Date.now() + RECORD_TIMEOUT_MS, () =>
        handle.executeUpdate(opsActionUpdate, { args: [input], updateId }),
      );
      return { result: { recorded: true }, view };
    } catch (error) {
      return { result: { recorded: false, recordError: recordErrorOf(error) } };
    }
  }

  /**
   * Records `input` once the reset run has re-executed up to the log's version: an event recorded
   * before would be appended at a version the log already holds.
   */
  async recordAfterCatchUp(
    caseId: string,
    handle: WorkflowHandle,
    input: OpsActionInput,
    updateId: string,
  ): Promise<RecordingOutcome> {
    const logVersion = await this.eventStore.streamVersion(caseId);
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    let workflowVersion = -1;
    while (Date.now() < deadline) {
      workflowVersion = await this.workflowVersion(handle);
      if (workflowVersion >= logVersion) return this.record(handle, input, updateId);
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
    return {
      result: {
        recorded: false,
        recordError:
          `the new run has not caught up with the case's log within ${CATCH_UP_TIMEOUT_MS / 1000} s ` +
          `(workflow at version ${workflowVersion}, log at ${logVersion}); look at it in the Temporal UI`,
      },
    };
  }

  /** The version of the case the run holds; -1 while it is not started or still replaying. */
  private async workflowVersion(handle: WorkflowHandle): Promise<number> {
    try {
      const view = await this.temporal.connection.withDeadline(Date.now() + RECORD_TIMEOUT_MS, () =>
        handle.query(caseViewQuery),
      );
      return view.version;
    } catch {
      // Not started yet, or still replaying: the query fails until the case is back.
      return -1;
    }
  }
}

/** Why an `opsAction` update was not recorded, in words for the answer. */
function recordErrorOf(error: unknown): string {
  if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
  if (grpcStatusOf(error) !== undefined) {
    return `the workflow did not take the update within ${RECORD_TIMEOUT_MS / 1000} s (${grpcMessageOf(error)}); it may still be recorded once the workflow runs again`;
  }
  return error instanceof Error ? error.message : String(error);
}
