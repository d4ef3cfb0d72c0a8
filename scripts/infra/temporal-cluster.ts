import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePortBetween } from './free-port';
import { ServiceProcess } from './service-process';
import { prepareTemporalDatabases, TemporalPersistence } from './temporal-schema';
import { locateTemporalServer } from './temporal-server';
import { registerNamespace } from './temporal-namespace';

/** History shards: fixed when Temporal's database is set up; four spread over the two history processes. */
export const HISTORY_SHARDS = 4;

/** The processes of the cluster: one per service, and two history processes sharing the shards. */
export const CLUSTER_SERVICES = ['history-1', 'history-2', 'matching', 'frontend', 'worker'] as const;

/** One process of the cluster. */
export type ClusterService = (typeof CLUSTER_SERVICES)[number];

/** Options of {@link startTemporalCluster}. */
export interface ClusterOptions {
  projectRoot: string;
  /** Where Temporal keeps its state; its two databases are created and migrated if missing. */
  persistence: TemporalPersistence;
  /** The frontend's gRPC port; unset picks a free one. */
  frontendPort?: number;
  /** Each service's log goes to `<logDir>/<service>.log`. */
  logDir: string;
  /** The services' log level (`warn` unless set; `info` shows shard ownership). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Namespace registered (with the project's search attributes) once the frontend answers. */
  namespace?: string;
  log?: (line: string) => void;
}

/** A running cluster: its frontend address, and each service process, which can be stopped and started. */
export interface RunningCluster {
  address: string;
  namespace: string;
  /** The current process of each service (a stopped one stays until it is started again). */
  readonly services: Record<ClusterService, ServiceProcess>;
  /** Stops one service (SIGTERM, or SIGKILL for a crash) and waits until it is gone. */
  stopService(service: ClusterService, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again on the same ports. */
  startService(service: ClusterService): Promise<void>;
  /** Waits until the frontend answers and the namespace is usable (after a restart of anything). */
  waitUntilServing(timeoutMs?: number): Promise<void>;
  /** Stops every service, frontend first, history last. */
  stop(): Promise<void>;
}

/** A free port for a service of the cluster (membership ports must fit a smallint). */
const clusterPort = () => freePortBetween(20_000, 32_000);

/** The environment variables of infra/temporal/aftersales.yaml that name a port, per service. */
const PORT_VARIABLES: Record<ClusterService, string[]> = {
  frontend: ['TEMPORAL_FRONTEND_PORT', 'TEMPORAL_FRONTEND_MEMBERSHIP_PORT', 'TEMPORAL_FRONTEND_HTTP_PORT'],
  matching: ['TEMPORAL_MATCHING_PORT', 'TEMPORAL_MATCHING_MEMBERSHIP_PORT'],
  'history-1': ['TEMPORAL_HISTORY_PORT', 'TEMPORAL_HISTORY_MEMBERSHIP_PORT'],
  'history-2': ['TEMPORAL_HISTORY_PORT', 'TEMPORAL_HISTORY_MEMBERSHIP_PORT'],
  worker: ['TEMPORAL_WORKER_PORT', 'TEMPORAL_WORKER_MEMBERSHIP_PORT'],
};

/** The config's variables every process gets: log level, addresses, PostgreSQL and the dynamic config. */
const SHARED_VARIABLES = [
  'TEMPORAL_LOG_LEVEL',
  'TEMPORAL_HISTORY_SHARDS',
  'TEMPORAL_FRONTEND_PORT',
  'TEMPORAL_BROADCAST_ADDRESS',
  'TEMPORAL_BIND_IP',
  'TEMPORAL_DB_HOST',
  'TEMPORAL_DB_PORT',
  'TEMPORAL_DB_USER',
  'TEMPORAL_DB_PASSWORD',
  'TEMPORAL_DB',
  'TEMPORAL_VISIBILITY_DB',
  'TEMPORAL_DYNAMIC_CONFIG',
] as const;

/** Every variable of infra/temporal/aftersales.yaml this topology sets (docker-compose.yml sets the same). */
export const CLUSTER_VARIABLES: readonly string[] = [
  ...new Set([...SHARED_VARIABLES, ...Object.values(PORT_VARIABLES).flat()]),
];

async function sharedEnvironment(
  options: ClusterOptions,
): Promise<Record<(typeof SHARED_VARIABLES)[number], string>> {
  const { persistence } = options;
  return {
    TEMPORAL_FRONTEND_PORT: String(options.frontendPort || (await clusterPort())),
    TEMPORAL_LOG_LEVEL: options.logLevel ?? 'warn',
    TEMPORAL_HISTORY_SHARDS: String(HISTORY_SHARDS),
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    TEMPORAL_BIND_IP: '127.0.0.1',
    TEMPORAL_DB_HOST: persistence.host,
    TEMPORAL_DB_PORT: String(persistence.port),
    TEMPORAL_DB_USER: persistence.user,
    TEMPORAL_DB_PASSWORD: persistence.password,
    TEMPORAL_DB: persistence.database,
    TEMPORAL_VISIBILITY_DB: persistence.visibilityDatabase,
    TEMPORAL_DYNAMIC_CONFIG: join(options.projectRoot, 'infra', 'temporal', 'dynamicconfig.yaml'),
  };
}

/** Each service's own ports (the frontend's gRPC port is shared: the others announce it as the cluster's). */
async function serviceEnvironments(
  shared: NodeJS.ProcessEnv,
): Promise<Record<ClusterService, NodeJS.ProcessEnv>> {
  const environments = {} as Record<ClusterService, NodeJS.ProcessEnv>;
  for (const service of CLUSTER_SERVICES) {
    const own: NodeJS.ProcessEnv = {};
    for (const variable of PORT_VARIABLES[service]) {
      own[variable] = variable === 'TEMPORAL_FRONTEND_PORT' ? shared[variable] : String(await clusterPort());
    }
    environments[service] = own;
  }
  return environments;
}

/**
 * The `server` topology: Temporal's own server on PostgreSQL, built once into the per-user cache,
 * its databases created and migrated, then frontend, matching, worker and two history processes,
 * each its own OS process with its config rendered from infra/temporal/aftersales.yaml, and the
 * namespace with the project's search attributes registered.
 */
export async function startTemporalCluster(options: ClusterOptions): Promise<RunningCluster> {
  const log = options.log ?? (() => undefined);
  const install = locateTemporalServer(log);
  await prepareTemporalDatabases(install, options.persistence, log);
  mkdirSync(options.logDir, { recursive: true });
  const shared = await sharedEnvironment(options);
  const own = await serviceEnvironments(shared);
  const address = `127.0.0.1:${shared.TEMPORAL_FRONTEND_PORT}`;
  const namespace = options.namespace ?? 'default';
  const spawnService = (service: ClusterService) =>
    new ServiceProcess({
      name: service,
      command: install.server,
      args: [
        '--root',
        join(options.projectRoot, 'infra', 'temporal'),
        '--config',
        '.',
        '--env',
        'aftersales',
        '--allow-no-auth',
        'start',
        '--service',
        service.replace(/-\d$/, ''),
      ],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...shared, ...own[service] },
      logFile: join(options.logDir, `${service}.log`),
    });
  const services = {} as Record<ClusterService, ServiceProcess>;
  // The frontend alone first: the first process writes the cluster metadata, and processes starting
  // together race to write it (all but one exit). The others join once the frontend answers.
  services.frontend = spawnService('frontend');
  const cluster: RunningCluster = {
    address,
    namespace,
    services,
    stopService: (service, signal = 'SIGTERM') => services[service].stop(signal),
    startService: async (service) => {
      if (services[service].alive) throw new Error(`${service} is already running`);
      services[service] = spawnService(service);
    },
    waitUntilServing: (timeoutMs = 120_000) => waitUntilServing(cluster, timeoutMs),
    stop: async () => {
      for (const service of [...CLUSTER_SERVICES].reverse()) await services[service]?.stop();
    },
  };
  try {
    log(`starting the Temporal cluster (frontend ${address}; logs in ${options.logDir})`);
    await waitForFrontend(cluster, 180_000);
    for (const service of CLUSTER_SERVICES) services[service] ??= spawnService(service);
    await pollFrontend(cluster, 'could not register the namespace', 60_000, (connection) =>
      registerNamespace(connection, namespace),
    );
    await cluster.waitUntilServing();
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Throws with the log's end when a service died. */
function assertAlive(cluster: RunningCluster): void {
  for (const service of CLUSTER_SERVICES) {
    const process = cluster.services[service] as ServiceProcess | undefined;
    if (process && !process.alive) {
      const tail = process
        .tail(4)
        .split('\n')
        .map((line) => line.slice(0, 600));
      throw new Error(
        `Temporal ${service} ${process.exit} (log: ${process.spec.logFile}):\n${tail.join('\n')}`,
      );
    }
  }
}

/** Polls `probe` on a fresh connection to the frontend every 500 ms until it succeeds or time is up. */
async function pollFrontend(
  cluster: RunningCluster,
  what: string,
  timeoutMs: number,
  probe: (connection: Connection) => Promise<unknown>,
  before: () => void = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    before();
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address: cluster.address, connectTimeout: 2_000 });
      await probe(connection);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what} within ${timeoutMs} ms: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
}

function waitForFrontend(cluster: RunningCluster, timeoutMs: number): Promise<void> {
  return pollFrontend(
    cluster,
    'the Temporal frontend did not answer',
    timeoutMs,
    (connection) => connection.workflowService.getSystemInfo({}),
    () => assertAlive(cluster),
  );
}

/** The frontend answers, the namespace is known, and a workflow count (visibility) works. */
function waitUntilServing(cluster: RunningCluster, timeoutMs: number): Promise<void> {
  return pollFrontend(cluster, 'the Temporal cluster was not serving', timeoutMs, async (connection) => {
    await connection.workflowService.describeNamespace({ namespace: cluster.namespace });
    await connection.workflowService.countWorkflowExecutions({ namespace: cluster.namespace });
  });
}
