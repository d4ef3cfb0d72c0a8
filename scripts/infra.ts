import { loadRuntimeConfig } from '../libs/config/src';
import { startLocalInfra } from './infra/local-infra';
import { projectRoot } from './infra/project-root';
import { temporalTopology } from './infra/topology';

/**
 * `npm run infra [-- --temporal=server]`: PostgreSQL and Temporal only (the dev server, or with
 * `--temporal=server` / TEMPORAL_TOPOLOGY=server the cluster), until Ctrl-C.
 */
async function main(): Promise<void> {
  const log = (line: string) => console.log(`[infra] ${line}`);
  const topology = temporalTopology();
  const infra = await startLocalInfra(projectRoot(), loadRuntimeConfig(), process.env, log, topology);
  log(`PostgreSQL: ${infra.databaseUrl}`);
  log(
    `Temporal:   ${infra.temporalAddress} (${topology})${infra.temporalUiUrl ? `  (UI ${infra.temporalUiUrl})` : ''}`,
  );
  log('Ctrl-C stops both; the data stays in .data/');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    infra.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`[infra] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
