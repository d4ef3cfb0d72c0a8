import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadRuntimeConfig } from '../../../libs/config/src';
import { createWorkerRuntime } from './worker-runtime';

/** Starts the workers of one process; SIGINT/SIGTERM drain them and close the connections. */
async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const runtime = await createWorkerRuntime({ config, connection, env: process.env });
  console.log(`aftersales worker polling ${config.temporalAddress} (namespace ${config.temporalNamespace})`);
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
