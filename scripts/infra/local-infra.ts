import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_POSTGRES_PORT, RuntimeConfig } from '../../libs/config/src';
import { startLocalTemporal } from './local-temporal';
import { startEmbeddedPostgres } from './postgres';
import { TemporalTopology } from './topology';

/** What `npm run infra` and `npm run dev` bring up: PostgreSQL and Temporal (dev server or cluster). */
export interface LocalInfra {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL (unless DATABASE_URL is set) and Temporal in `topology` (unless
 * TEMPORAL_ADDRESS is set), both keeping their state under `.data/` (the cluster on PostgreSQL). The
 * Temporal UI decodes payloads with `codecEndpoint` when given (the API's `/codec` under `npm run dev`).
 */
export async function startLocalInfra(
  root: string,
  config: RuntimeConfig,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  topology: TemporalTopology = 'dev-server',
  codecEndpoint?: string,
): Promise<LocalInfra> {
  const dataDir = join(root, '.data');
  mkdirSync(join(dataDir, 'temporal'), { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      await step().catch((error: Error) => log(`while stopping: ${error.message}`));
    }
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!env.DATABASE_URL) {
      log(`starting embedded PostgreSQL on 127.0.0.1:${EMBEDDED_POSTGRES_PORT} (data in .data/postgres)`);
      const postgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'),
        port: EMBEDDED_POSTGRES_PORT,
        database: 'aftersales',
        persistent: true,
        log,
      });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
    }
    let temporalAddress = config.temporalAddress;
    let temporalUiUrl: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      const port = Number(config.temporalAddress.split(':')[1]);
      const temporal = await startLocalTemporal({
        root,
        topology,
        port,
        postgresUrl: databaseUrl,
        codecEndpoint,
        log,
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** AUTH_JWT_SECRET for local runs: the environment's, else one generated once and kept in `.data/`. */
export function localJwtSecret(root: string, env: NodeJS.ProcessEnv): string {
  if (env.AUTH_JWT_SECRET) return env.AUTH_JWT_SECRET;
  const file = join(root, '.data', 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(join(root, '.data'), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * PAYLOAD_ENCRYPTION_KEYS for local runs: the environment's, else one key generated once and kept in
 * `.data/`, so customer data in Temporal is encrypted under `npm run dev` as in production.
 */
export function localPayloadKeys(root: string, env: NodeJS.ProcessEnv): string {
  if (env.PAYLOAD_ENCRYPTION_KEYS) return env.PAYLOAD_ENCRYPTION_KEYS;
  const file = join(root, '.data', 'dev-payload-keys');
  if (!existsSync(file)) {
    mkdirSync(join(root, '.data'), { recursive: true });
    writeFileSync(file, `dev-1:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
