import type { DataConverter } from '@temporalio/common';
import {
  NativeConnection,
  Worker,
  WorkflowBundleOption,
  WorkflowBundleWithSourceMap,
  bundleWorkflowCode,
} from '@temporalio/worker';

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
  /** A prebuilt workflow bundle; built from `workflows/` when absent. */
  workflowBundle?: WorkflowBundleOption;
  /** The payload codec of the process (libs/codec); none when encryption is off. */
  dataConverter?: DataConverter;
  /** Whether this process serves the refund queue (a refund system may own it). */
  serveRefundQueue?: boolean;
  identity?: string;
}

/** Bundles the workflow code once (webpack); reuse the result for every worker of the process. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../../workflows'),
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

/** Creates the workers of one process: the case queue (workflows + activities) and the refund queue. */
export async function createWorkers(setup: WorkerSetup): Promise<Worker[]> {
  const workflowBundle = setup.workflowBundle ?? (await bundleWorkflows());
  const common = {
    connection: setup.connection,
    namespace: setup.namespace,
    ...(setup.dataConverter ? { dataConverter: setup.dataConverter } : {}),
    ...(setup.identity ? { identity: setup.identity } : {}),
  };
  const workers = [
    await Worker.create({
      ...common,
      taskQueue: setup.caseTaskQueue,
      workflowBundle,
      activities: setup.caseActivities,
    }),
  ];
  if (setup.serveRefundQueue ?? true) {
    workers.push(
      await Worker.create({
        ...common,
        taskQueue: setup.refundTaskQueue,
        activities: setup.refundActivities,
      }),
    );
  }
  return workers;
}
