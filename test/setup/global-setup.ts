import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/infra/free-port';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
  dropDatabase,
} from '../../scripts/infra/postgres';
import { temporalTopology } from '../../scripts/infra/topology';
import { bundleWorkflows } from '../../apps/worker/src/workers';
import { TestInfra } from './test-infra';
import { startTestTemporal, TestTemporal } from './test-temporal';

/**
 * Starts one real Temporal (the dev server; the cluster with TEMPORAL_TOPOLOGY=server) and one real
 * PostgreSQL for the whole integration run and hands their addresses to every test file through the
 * environment.
 */
export default async function globalSetup(): Promise<void> {
  const projectRoot = resolve(__dirname, '..', '..');
  const log = (line: string) => process.stderr.write(`[test-infra] ${line}\n`);
  const stops: Array<() => Promise<void>> = [];

  const topology = temporalTopology([]);
  let temporal: TestTemporal;
  const bundling = bundleWorkflows();
  if (topology === 'dev-server') {
    const [devServer, postgres] = await Promise.all([
      startTestTemporal(topology, projectRoot, '', log),
      startTestPostgres(log),
    ]);
    temporal = devServer;
    stops.push(postgres.stop, temporal.stop);
    process.env.DATABASE_URL = postgres.url;
  } else {
    // The cluster keeps its state on the test PostgreSQL server: it stops first.
    const postgres = await startTestPostgres(log);
    process.env.DATABASE_URL = postgres.url;
    stops.push(postgres.stop);
    temporal = await startTestTemporal(topology, projectRoot, postgres.url, log).catch(async (error) => {
      await postgres.stop();
      throw error;
    });
    stops.unshift(temporal.stop);
  }
  const bundle = await bundling;

  // One webpack bundle of workflows/ for the whole run: test files pass its path to their workers.
  const bundleDir = mkdtempSync(join(tmpdir(), 'aftersales-test-bundle-'));
  const bundlePath = join(bundleDir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  stops.push(async () => rmSync(bundleDir, { recursive: true, force: true }));
  process.env.AFTERSALES_WORKFLOW_BUNDLE = bundlePath;

  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.TEMPORAL_NAMESPACE = 'default';
  process.env.AUTH_JWT_SECRET ??= 'test-secret-not-for-production';
  (globalThis as TestInfra).__aftersalesInfraStops = stops;
}

/** TEST_DATABASE_URL: a fresh database on that server, dropped afterwards; else an embedded server. */
async function startTestPostgres(log: (line: string) => void) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = `aftersales_test_${process.pid}_${Date.now()}`;
    await ensureDatabase(adminUrl, database);
    return { url: withDatabase(adminUrl, database), stop: () => dropDatabase(adminUrl, database) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'aftersales-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'aftersales_test',
    persistent: false,
    log,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
