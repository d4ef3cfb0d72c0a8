import { existsSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import {
  NativeConnection,
  Worker,
  WorkerOptions,
  WorkflowBundleOption,
  WorkflowBundleWithSourceMap,
  bundleWorkflowCode,
} from '@temporalio/worker';
import { ConfigError } from '../../../libs/config/src';
import { workflowCacheSize } from './worker-cache-size';
import { workflowBundleOptions } from '../../../libs/definitions/src/workflow-bundle';

/** What one worker process runs: the activity implementations for each task queue. */
export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  caseTaskQueue: string;
  refundTaskQueue: string;
  /** Activities of the case queue (events, carrier, WMS, supplier, notices). */
  caseActivities: object;
  /** Refund activities, on their own queue so a refund system may serve it instead. */
  refundActivities: object;
  /**
   * A prebuilt workflow bundle; when absent, the file named by WORKFLOW_BUNDLE_PATH, else built from
   * `workflows/` (webpack, in this process: seconds of start-up and a larger peak memory).
   */
  workflowBundle?: WorkflowBundleOption;
  /**
   * Worker slot, poller and cache sizes; unset, those of WORKER_* variables, else the SDK's defaults;
   * the workflow cache, unless given, is sized by `workflowCacheSize` (WORKER_CACHE_BUDGET_MIB).
   */
  tuning?: WorkerTuning;
  /** The payload codec of the process (libs/codec); none when encryption is off. */
  dataConverter?: DataConverter;
  /** Whether this process serves the refund queue (a refund system may own it). */
  serveRefundQueue?: boolean;
  identity?: string;
}

/** Bundles the workflow code once (webpack); reuse the result for every worker of the process. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

/**
 * Sizes of a worker (all optional; what is unset keeps the SDK's default). `npm run bench` measures
 * them; docs/benchmarks.md says which helped on which machine.
 */
export interface WorkerTuning {
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentWorkflowTaskPolls?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentActivityTaskPolls?: number;
  maxCachedWorkflows?: number;
  workflowThreadPoolSize?: number;
}

/** The environment variable of each tuning field. */
export const WORKER_TUNING_VARIABLES: Readonly<Record<keyof WorkerTuning, string>> = {
  maxConcurrentWorkflowTaskExecutions: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  maxConcurrentWorkflowTaskPolls: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASK_POLLS',
  maxConcurrentActivityTaskExecutions: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
  maxConcurrentActivityTaskPolls: 'WORKER_MAX_CONCURRENT_ACTIVITY_TASK_POLLS',
  maxCachedWorkflows: 'WORKER_MAX_CACHED_WORKFLOWS',
  workflowThreadPoolSize: 'WORKER_WORKFLOW_THREAD_POOL_SIZE',
};

/** The tuning set by WORKER_* variables (empty when none is set); a bad value stops the process, naming it. */
export function workerTuningFromEnv(env: NodeJS.ProcessEnv): WorkerTuning {
  const tuning: WorkerTuning = {};
  for (const [field, variable] of Object.entries(WORKER_TUNING_VARIABLES) as Array<
    [keyof WorkerTuning, string]
  >) {
    const text = env[variable]?.trim();
    if (!text) continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) {
      throw new ConfigError(`Invalid configuration: ${variable}: expected a whole number, got "${text}"`);
    }
    tuning[field] = value;
  }
  return tuning;
}

/** The prebuilt bundle named by WORKFLOW_BUNDLE_PATH, if set; a missing file stops the process, naming it. */
export function workflowBundleFromEnv(env: NodeJS.ProcessEnv): WorkflowBundleOption | undefined {
  const codePath = env.WORKFLOW_BUNDLE_PATH?.trim();
  if (!codePath) return undefined;
  if (!existsSync(codePath)) {
    throw new ConfigError(`Invalid configuration: WORKFLOW_BUNDLE_PATH: no file at ${codePath}`);
  }
  return { codePath };
}

/** Creates the workers of one process: the case queue (workflows + activities) and the refund queue. */
export async function createWorkers(setup: WorkerSetup): Promise<Worker[]> {
  const tuning = setup.tuning ?? workerTuningFromEnv(process.env);
  const maxCachedWorkflows =
    setup.tuning?.maxCachedWorkflows ?? workflowCacheSize(process.env).maxCachedWorkflows;
  const workflowBundle =
    setup.workflowBundle ?? workflowBundleFromEnv(process.env) ?? (await bundleWorkflows());
  const common = {
    connection: setup.connection,
    namespace: setup.namespace,
    ...(setup.dataConverter ? { dataConverter: setup.dataConverter } : {}),
    ...(setup.identity ? { identity: setup.identity } : {}),
  };
  const activitySizes = pick(tuning, [
    'maxConcurrentActivityTaskExecutions',
    'maxConcurrentActivityTaskPolls',
  ]);
  const workers = [
    await Worker.create({
      ...common,
      ...activitySizes,
      ...pick(tuning, [
        'maxConcurrentWorkflowTaskExecutions',
        'maxConcurrentWorkflowTaskPolls',
        'workflowThreadPoolSize',
      ]),
      maxCachedWorkflows,
      taskQueue: setup.caseTaskQueue,
      workflowBundle,
      activities: setup.caseActivities,
    }),
  ];
  if (setup.serveRefundQueue ?? true) {
    workers.push(
      await Worker.create({
        ...common,
        ...activitySizes,
        taskQueue: setup.refundTaskQueue,
        activities: setup.refundActivities,
      }),
    );
  }
  return workers;
}

/** The fields of `tuning` among `keys` that are set, as worker options. */
function pick(tuning: WorkerTuning, keys: Array<keyof WorkerTuning>): Partial<WorkerOptions> {
  return Object.fromEntries(keys.filter((key) => tuning[key] !== undefined).map((key) => [key, tuning[key]]));
}
