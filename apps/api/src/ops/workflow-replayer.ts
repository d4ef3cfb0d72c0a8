import { Inject, Injectable } from '@nestjs/common';
import { bundleWorkflowCode, ReplayError, Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { dataConverterFor } from '../../../../libs/codec/src';
import { RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';
import { workflowBundleOptions } from '../../../../libs/definitions/src/workflow-bundle';

/** What replaying one history against the workflow code found. */
export type ReplayOutcome =
  | { deterministic: true }
  | {
      deterministic: false;
      /** NONDETERMINISM: the code issues other commands than the history recorded; WORKFLOW_TASK_FAILURE: it throws. */
      kind: 'NONDETERMINISM' | 'WORKFLOW_TASK_FAILURE';
      divergence: string;
    };

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

/**
 * Replays case histories against the workflow code this API was deployed with: the prebuilt bundle of
 * WORKFLOW_BUNDLE_PATH (the one the workers run), else `workflows/` bundled once on the first replay.
 * One replay runs at a time: each loads the bundle into a fresh replay worker.
 */
@Injectable()
export class WorkflowReplayer {
  private bundle?: Promise<WorkflowBundleOption>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {}

  /** Which code the replays run, for the answers. */
  get codeSource(): string {
    return this.config.workflowBundlePath
      ? `workflow bundle ${this.config.workflowBundlePath}`
      : 'workflows/ as bundled by this API';
  }

  /** Replays `history` of `workflowId`; a divergence is an outcome, not an error. */
  replay(history: temporal.api.history.v1.IHistory, workflowId: string): Promise<ReplayOutcome> {
    const run = async (): Promise<ReplayOutcome> => {
      const workflowBundle = await this.workflowBundle();
      // With payload encryption on, the workers' codec decodes the history's payloads for the replay.
      const results = Worker.runReplayHistories(
        { workflowBundle, replayName: 'ops-replay', dataConverter: dataConverterFor(this.config) },
        [{ history, workflowId }],
      );
      try {
        const first = await results.next();
        const error = first.done ? undefined : first.value.error;
        if (!error) return { deterministic: true };
        if (error instanceof DeterminismViolationError) {
          return { deterministic: false, kind: 'NONDETERMINISM', divergence: error.message };
        }
        if (error instanceof ReplayError) {
          return { deterministic: false, kind: 'WORKFLOW_TASK_FAILURE', divergence: error.message };
        }
        throw error;
      } finally {
        await results.return?.(undefined);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private workflowBundle(): Promise<WorkflowBundleOption> {
    if (this.config.workflowBundlePath) return Promise.resolve({ codePath: this.config.workflowBundlePath });
    this.bundle ??= bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietBundlerLogger }).catch(
      (error: unknown) => {
        this.bundle = undefined;
        throw error;
      },
    );
    return this.bundle;
  }
}
