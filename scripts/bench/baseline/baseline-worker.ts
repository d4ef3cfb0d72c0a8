import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { answerMemoryRequests } from '../../../apps/worker/src/memory-stats';
import { workerTuningFromEnv, workflowBundleFromEnv } from '../../../apps/worker/src/workers';
import { createBaselineActivities } from './baseline.activities';
import { BASELINE_TASK_QUEUE } from './baseline.definitions';

/**
 * The baseline's worker process (started by `npm run bench` like the service's worker): its bundle
 * from WORKFLOW_BUNDLE_PATH, the same WORKER_* tuning as the service's worker.
 */
async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const bundle = workflowBundleFromEnv(process.env);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: BASELINE_TASK_QUEUE,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve('./baseline.workflow') }),
    activities: createBaselineActivities(),
    ...workerTuningFromEnv(process.env),
  });
  answerMemoryRequests([worker]);
  console.log(`baseline worker polling ${address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
