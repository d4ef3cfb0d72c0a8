import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../scripts/infra/free-port';
import { startEmbeddedPostgres, withDatabase } from '../../../scripts/infra/postgres';
import faultsGlobalSetup from '../../faults/support/global-setup';

/**
 * Starts the cluster suite's PostgreSQL (embedded, its files kept so a test can restart it; never the
 * machine's shared server, which a restart would take from everyone), and lets the fault suite's setup
 * build `dist/` and point the fault stacks at this server.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[cluster-infra] ${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-cluster-pg-'));
  const port = await freePort();
  const server = await startEmbeddedPostgres({
    dataDir: dir,
    port,
    database: 'postgres',
    persistent: true,
    log,
  });
  const url = withDatabase(server.url, 'postgres');
  process.env.CLUSTER_PG_URL = url;
  process.env.CLUSTER_PG_DATA_DIR = join(dir, 'cluster');
  process.env.CLUSTER_PG_PORT = String(port);
  process.env.CLUSTER_PG_ROOT = dir;
  const shared = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = url;
  try {
    await faultsGlobalSetup();
  } finally {
    if (shared === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = shared;
  }
}
