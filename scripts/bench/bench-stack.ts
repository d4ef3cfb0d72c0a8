import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { WORKER_TUNING_VARIABLES, WorkerTuning } from '../../apps/worker/src/workers';
import { freePort } from '../infra/free-port';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from '../infra/postgres';
import { startTemporalCluster } from '../infra/temporal-cluster';
import { startTemporalDevServer } from '../infra/temporal-dev-server';
import { persistenceOn } from '../infra/temporal-schema';
import { locateTemporalServer } from '../infra/temporal-server';
import { TemporalTopology } from '../infra/topology';
import { BenchChild, startChild } from './child-process';
import { CpuGroups, RssSampler } from './proc-stats';

/** How a stack is set up: the tunings under test. */
export interface StackConfig {
  /** SQLite pragmas of the Temporal dev server's store (none: the CLI's defaults). */
  sqlitePragmas: Record<string, string>;
  /** Workers load a workflow bundle built once by the bench, instead of bundling at start-up. */
  prebuiltBundle: boolean;
  /** WORKER_* sizes (empty: the SDK's defaults). */
  workerTuning: WorkerTuning;
}

/** A PostgreSQL server on which each stack gets a fresh database. */
export interface BenchPostgres {
  adminUrl: string;
  /** `embedded` (started by the bench) or `external` (TEST_DATABASE_URL / DATABASE_URL). */
  kind: 'embedded' | 'external';
  version: string;
  stop(): Promise<void>;
}

/** Starts the embedded PostgreSQL in `dir`, or uses the server of `externalUrl`. */
export async function startBenchPostgres(
  dir: string,
  externalUrl: string | undefined,
  log: (line: string) => void,
): Promise<BenchPostgres> {
  if (externalUrl) {
    const host = new URL(externalUrl).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
      throw new Error(`the bench only uses a PostgreSQL on this machine, not ${host}`);
    }
    return {
      adminUrl: externalUrl,
      kind: 'external',
      version: await serverVersion(externalUrl),
      stop: async () => undefined,
    };
  }
  const dataDir = join(dir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'aftersales_bench',
    persistent: false,
    log,
  });
  const adminUrl = withDatabase(server.url, 'postgres');
  return { adminUrl, kind: 'embedded', version: await serverVersion(adminUrl), stop: server.stop };
}

async function serverVersion(url: string): Promise<string> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

/** The environment a child starts from: the basics only, so no inherited URL points anywhere else. */
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'USER', 'NODE_OPTIONS'];
  return Object.fromEntries(
    keep.filter((name) => process.env[name]).map((name) => [name, process.env[name]]),
  );
}

/** A fresh Temporal (dev server or cluster), a fresh database, the sandbox and the API; workers come and go per phase. */
export interface BenchStack {
  label: string;
  config: StackConfig;
  topology: TemporalTopology;
  temporalAddress: string;
  /** What the Temporal binary says of its version. */
  temporalVersion: string;
  /** How the CPU figures find Temporal's processes. */
  temporalProcesses: CpuGroups[string];
  databaseUrl: string;
  apiUrl: string;
  sandboxUrl: string;
  secret: string;
  client: Client;
  api: BenchChild;
  sandbox: BenchChild;
  stop(): Promise<void>;
}

/** What every stack of a run shares. */
export interface StackContext {
  root: string;
  tempDir: string;
  postgres: BenchPostgres;
  /** Path of the prebuilt workflow bundles (the service's and the baseline's). */
  bundles: { service: string; baseline: string };
  log: (line: string) => void;
}

/** A Temporal of a stack's own: a dev server (state in `dir`) or a cluster (its two databases made for it). */
async function startBenchTemporal(
  ctx: StackContext,
  dir: string,
  label: string,
  config: StackConfig,
  topology: TemporalTopology,
) {
  if (topology === 'dev-server') {
    const server = await startTemporalDevServer({
      projectRoot: ctx.root,
      dbFilename: join(dir, 'temporal.sqlite'),
      sqlitePragmas: config.sqlitePragmas,
      log: ctx.log,
    });
    const processes = { descendantsNamed: 'temporal' };
    return { address: server.address, version: binaryVersion(server.cli), processes, stop: server.stop };
  }
  const databases = {
    database: `temporal_bench_${databaseSuffix(label)}`,
    visibilityDatabase: `temporal_vis_bench_${databaseSuffix(label)}`,
  };
  const dropAll = async () => {
    for (const database of Object.values(databases)) await dropDatabase(ctx.postgres.adminUrl, database);
  };
  await dropAll();
  const cluster = await startTemporalCluster({
    projectRoot: ctx.root,
    persistence: persistenceOn(ctx.postgres.adminUrl, databases),
    logDir: join(dir, 'temporal'),
    log: ctx.log,
  });
  return {
    address: cluster.address,
    version: binaryVersion(locateTemporalServer().server),
    processes: { descendantsNamed: 'temporal-server' },
    stop: async () => {
      await cluster.stop();
      await dropAll();
    },
  };
}

function databaseSuffix(label: string): string {
  return `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}`;
}

/** The API as a child process on a free port, ready once `/health` answers 200. */
async function startApi(
  ctx: StackContext,
  dir: string,
  label: string,
  wiring: { temporalAddress: string; databaseUrl: string; sandboxUrl: string; secret: string },
): Promise<BenchChild & { url: string }> {
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = await startChild({
    name: `${label}-api`,
    entry: join(ctx.root, 'dist', 'apps', 'api', 'src', 'main.js'),
    env: {
      ...baseEnv(),
      ...serviceEnv(wiring.temporalAddress, wiring.databaseUrl, wiring.sandboxUrl),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: wiring.secret,
      // One caller (the carrier, the warehouse) sends far more than 6,000 requests a minute here.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    logDir: dir,
    ready: async () => (await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(5_000) })).ok,
    timeoutMs: 120_000,
  });
  return Object.assign(api, { url: apiUrl });
}

/** Starts a stack: a fresh Temporal and database, the sandbox and the API. */
export async function startStack(
  ctx: StackContext,
  label: string,
  config: StackConfig,
  topology: TemporalTopology = 'dev-server',
): Promise<BenchStack> {
  const dir = join(ctx.tempDir, label);
  mkdirSync(dir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  // Once only: an abort and the run's own `finally` may both ask.
  const stop = () =>
    (stopping ??= (async () => {
      for (const step of stops.reverse()) {
        await step().catch((error: Error) => ctx.log(`while stopping ${label}: ${error.message}`));
      }
    })());
  try {
    const temporal = await startBenchTemporal(ctx, dir, label, config, topology);
    stops.push(temporal.stop);
    const database = `aftersales_bench_${databaseSuffix(label)}`;
    await dropDatabase(ctx.postgres.adminUrl, database);
    await ensureDatabase(ctx.postgres.adminUrl, database);
    stops.push(() => dropDatabase(ctx.postgres.adminUrl, database));
    const databaseUrl = withDatabase(ctx.postgres.adminUrl, database);
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandbox = await startChild({
      name: `${label}-sandbox`,
      entry: join(ctx.root, 'dist', 'apps', 'sandbox', 'src', 'main.js'),
      env: { ...baseEnv(), SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: '127.0.0.1', SANDBOX_SEED: '7' },
      logDir: dir,
      ready: /listening on/,
      timeoutMs: 60_000,
    });
    stops.push(sandbox.stop);

    const secret = randomBytes(24).toString('hex');
    const api = await startApi(ctx, dir, label, {
      temporalAddress: temporal.address,
      databaseUrl,
      sandboxUrl,
      secret,
    });
    stops.push(api.stop);
    const apiUrl = api.url;

    return {
      label,
      config,
      topology,
      temporalAddress: temporal.address,
      temporalVersion: temporal.version,
      temporalProcesses: temporal.processes,
      databaseUrl,
      apiUrl,
      sandboxUrl,
      secret,
      client,
      api,
      sandbox,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function serviceEnv(temporalAddress: string, databaseUrl: string, sandboxUrl: string): NodeJS.ProcessEnv {
  return { TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl, SANDBOX_URL: sandboxUrl };
}

function binaryVersion(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return binary;
  }
}

/** Worker processes of one phase, with their memory sampled from start to stop. */
export interface RunningWorkers {
  children: BenchChild[];
  /** Stops sampling and answers each worker's peak resident memory (bytes), then stops the workers. */
  stop(): Promise<Array<number | undefined>>;
}

/** Starts `count` worker processes: the service's (`dist/apps/worker/src/main.js`) or the baseline's. */
export async function startWorkers(
  ctx: StackContext,
  stack: BenchStack,
  kind: 'service' | 'baseline',
  count: number,
  phase: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<RunningWorkers> {
  const entry =
    kind === 'service'
      ? join(ctx.root, 'dist', 'apps', 'worker', 'src', 'main.js')
      : join(ctx.root, 'dist', 'scripts', 'bench', 'baseline', 'baseline-worker.js');
  const tuningEnv = Object.fromEntries(
    Object.entries(stack.config.workerTuning).map(([field, value]) => [
      WORKER_TUNING_VARIABLES[field as keyof WorkerTuning],
      String(value),
    ]),
  );
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...serviceEnv(stack.temporalAddress, stack.databaseUrl, stack.sandboxUrl),
    ...tuningEnv,
    ...(stack.config.prebuiltBundle ? { WORKFLOW_BUNDLE_PATH: ctx.bundles[kind] } : {}),
    ...extraEnv,
  };
  // Started one after the other, so each start-up time is its own.
  const children: BenchChild[] = [];
  const samplers: RssSampler[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const child = await startChild({
        name: `${stack.label}-${phase}-worker-${i + 1}`,
        entry,
        env,
        logDir: join(ctx.tempDir, stack.label),
        ready: /worker polling/,
        timeoutMs: 180_000,
        // The worker answers memory requests on it (apps/worker/src/memory-stats.ts).
        ipc: true,
      });
      children.push(child);
      samplers.push(new RssSampler(child.pid));
    }
  } catch (error) {
    samplers.forEach((sampler) => sampler.stop());
    await Promise.all(children.map((child) => child.stop()));
    throw error;
  }
  return {
    children,
    stop: async () => {
      const peaks = samplers.map((sampler) => sampler.stop());
      await Promise.all(children.map((child) => child.stop()));
      return peaks;
    },
  };
}

/** Removes the bench's temp dir (logs, SQLite files, bundles). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
