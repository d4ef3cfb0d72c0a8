import { StackConfig } from './bench-stack';

/** One tuning, measured against the step it builds on. */
export interface TuningStep {
  name: string;
  /** What it changes, and why it might help. */
  what: string;
  config: StackConfig;
  /** The index of the step it is compared with (undefined for the first). */
  before?: number;
}

const WAL = { journal_mode: 'wal', synchronous: 'normal' };

/** The state before this tuning work first, then each tuning on top of the step it names. */
export const TUNING_STEPS: readonly TuningStep[] = [
  {
    name: 'before tuning',
    what:
      "the CLI's SQLite defaults (a rollback journal, SQLite's default synchronous), each worker bundles its workflows at " +
      "start-up (webpack), the SDK's worker defaults",
    config: { sqlitePragmas: {}, prebuiltBundle: false, workerTuning: {} },
  },
  {
    name: 'prebuilt workflow bundle',
    what: 'the worker loads a bundle built once (`WORKFLOW_BUNDLE_PATH`) instead of running webpack at start-up',
    config: { sqlitePragmas: {}, prebuiltBundle: true, workerTuning: {} },
    before: 0,
  },
  {
    name: 'SQLite WAL + synchronous=NORMAL',
    what:
      "the dev server's store with `--sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal`: " +
      'commits append to a write-ahead log, synced at checkpoints, instead of going through a rollback journal synced on every commit',
    config: { sqlitePragmas: WAL, prebuiltBundle: true, workerTuning: {} },
    before: 1,
  },
  {
    name: 'more workflow-task slots and pollers',
    what:
      '`maxConcurrentWorkflowTaskExecutions` 40 → 100, workflow and activity pollers 10 → 20 ' +
      '(`WORKER_MAX_CONCURRENT_WORKFLOW_TASKS`, `WORKER_MAX_CONCURRENT_WORKFLOW_TASK_POLLS`, `WORKER_MAX_CONCURRENT_ACTIVITY_TASK_POLLS`)',
    config: {
      sqlitePragmas: WAL,
      prebuiltBundle: true,
      workerTuning: {
        maxConcurrentWorkflowTaskExecutions: 100,
        maxConcurrentWorkflowTaskPolls: 20,
        maxConcurrentActivityTaskPolls: 20,
      },
    },
    before: 2,
  },
  {
    name: 'fewer pollers',
    what:
      'workflow and activity pollers 10 → 2 (`WORKER_MAX_CONCURRENT_WORKFLOW_TASK_POLLS`, ' +
      '`WORKER_MAX_CONCURRENT_ACTIVITY_TASK_POLLS`): fewer long polls held open on a busy 2-core machine',
    config: {
      sqlitePragmas: WAL,
      prebuiltBundle: true,
      workerTuning: { maxConcurrentWorkflowTaskPolls: 2, maxConcurrentActivityTaskPolls: 2 },
    },
    before: 2,
  },
  {
    name: 'small workflow cache',
    what:
      '`maxCachedWorkflows` 20 (`WORKER_MAX_CACHED_WORKFLOWS`; the default is sized from the heap, ' +
      'thousands here): trades replays for memory when more cases are in flight than it holds',
    config: { sqlitePragmas: WAL, prebuiltBundle: true, workerTuning: { maxCachedWorkflows: 20 } },
    before: 2,
  },
];
