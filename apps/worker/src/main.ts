import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadRuntimeConfig } from '../../../libs/config/src';
import { answerMemoryRequests } from './memory-stats';
import { workflowCacheSize } from './worker-cache-size';
import { createWorkerRuntime } from './worker-runtime';

/** Starts the workers of one process; SIGINT/SIGTERM drain them and close the connections. */
async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  // Checked before connecting, so a bad cache setting stops the worker at once, naming the variable.
  const cache = workflowCacheSize(process.env);
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const runtime = await createWorkerRuntime({ config, connection, env: process.env });
  answerMemoryRequests(runtime.workers);
  console.log(
    `aftersales worker polling ${config.temporalAddress} (namespace ${config.temporalNamespace}); ` +
      `workflow cache ${cache.maxCachedWorkflows} workflows (${cache.source}, ${cache.budgetMiB} MiB)`,
  );
  try {
    await runtime.run();
  } finally {
    await runtime.close();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
