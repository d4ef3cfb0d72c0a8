import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, withDatabase } from '../../scripts/infra/postgres';
import { startTemporalCluster } from '../../scripts/infra/temporal-cluster';
import { startTemporalDevServer } from '../../scripts/infra/temporal-dev-server';
import { persistenceOn } from '../../scripts/infra/temporal-schema';
import { TemporalTopology } from '../../scripts/infra/topology';

/** The Temporal a test run talks to. */
export interface TestTemporal {
  address: string;
  stop(): Promise<void>;
}

/**
 * The dev server (in memory), or the cluster with its two databases made for this run on the test
 * PostgreSQL server (`postgresUrl`) and dropped when it stops; its logs go to a temporary folder,
 * printed when it fails to start.
 */
export async function startTestTemporal(
  topology: TemporalTopology,
  projectRoot: string,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<TestTemporal> {
  if (topology === 'dev-server') return startTemporalDevServer({ projectRoot, log });
  const suffix = `${process.pid}_${Date.now()}`;
  const databases = {
    database: `temporal_test_${suffix}`,
    visibilityDatabase: `temporal_vis_test_${suffix}`,
  };
  const logDir = mkdtempSync(join(tmpdir(), 'aftersales-test-cluster-'));
  const dropAll = async () => {
    const adminUrl = withDatabase(postgresUrl, 'postgres');
    for (const database of Object.values(databases)) await dropDatabase(adminUrl, database);
  };
  try {
    const cluster = await startTemporalCluster({
      projectRoot,
      persistence: persistenceOn(postgresUrl, databases),
      logDir,
      log,
    });
    log(`Temporal cluster at ${cluster.address} (logs in ${logDir})`);
    return {
      address: cluster.address,
      stop: async () => {
        await cluster.stop();
        await dropAll();
        rmSync(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dropAll().catch(() => undefined);
    throw error;
  }
}
