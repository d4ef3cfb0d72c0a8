import { join } from 'node:path';
import { startTemporalCluster } from './temporal-cluster';
import { startTemporalDevServer } from './temporal-dev-server';
import { persistenceOn } from './temporal-schema';
import { startTemporalUi } from './temporal-ui';
import { TemporalTopology } from './topology';

/** Web UI port of the dev server and of the cluster's UI server (Temporal's usual dev port). */
export const TEMPORAL_UI_PORT = 8233;

/** Temporal's databases in the `server` topology, beside ours on the same PostgreSQL server. */
export const CLUSTER_DATABASES = {
  database: 'aftersales_temporal',
  visibilityDatabase: 'aftersales_temporal_visibility',
};

/** Options of {@link startLocalTemporal}. */
export interface LocalTemporalOptions {
  root: string;
  topology: TemporalTopology;
  /** The frontend's gRPC port. */
  port: number;
  /** The project's PostgreSQL (any database of that server): the cluster keeps its state there too. */
  postgresUrl: string;
  /** The codec server the Temporal UI decodes payloads with (the API's `/codec`). */
  codecEndpoint?: string;
  log: (line: string) => void;
}

/** A local Temporal for `npm run infra` and `npm run dev`. */
export interface LocalTemporal {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * The dev server (state in `.data/temporal/temporal.sqlite`), or the cluster on the project's
 * PostgreSQL with its logs in `.data/temporal-cluster/` and, when it can be built, the Web UI.
 */
export async function startLocalTemporal(options: LocalTemporalOptions): Promise<LocalTemporal> {
  const { root, port, log } = options;
  const dataDir = join(root, '.data');
  if (options.topology === 'dev-server') {
    log(`starting Temporal dev server on 127.0.0.1:${port} (state in .data/temporal/temporal.sqlite)`);
    return startTemporalDevServer({
      projectRoot: root,
      port,
      uiPort: TEMPORAL_UI_PORT,
      uiCodecEndpoint: options.codecEndpoint,
      dbFilename: join(dataDir, 'temporal', 'temporal.sqlite'),
      log,
    });
  }
  const cluster = await startTemporalCluster({
    projectRoot: root,
    persistence: persistenceOn(options.postgresUrl, CLUSTER_DATABASES),
    frontendPort: port,
    logDir: join(dataDir, 'temporal-cluster'),
    log,
  });
  const ui = await startTemporalUi({
    address: cluster.address,
    port: TEMPORAL_UI_PORT,
    logDir: join(dataDir, 'temporal-cluster'),
    codecEndpoint: options.codecEndpoint,
    log,
  }).catch((error: Error) => {
    log(`no Temporal UI: ${error.message} (README, "Temporal UI of the server topology")`);
    return undefined;
  });
  return {
    address: cluster.address,
    uiUrl: ui?.url,
    stop: async () => {
      await ui?.stop();
      await cluster.stop();
    },
  };
}
