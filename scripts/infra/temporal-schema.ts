import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TemporalServerInstall } from './temporal-server';

const run = promisify(execFile);

/** A PostgreSQL server that Temporal keeps its state in, and the names of Temporal's two databases. */
export interface TemporalPersistence {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Executions, history, shards, task queues, cluster membership. */
  database: string;
  /** Workflow listing and search attributes (SQL visibility). */
  visibilityDatabase: string;
}

/** Temporal's persistence on the server of a PostgreSQL URL (any database of it), with these database names. */
export function persistenceOn(
  postgresUrl: string,
  databases: Pick<TemporalPersistence, 'database' | 'visibilityDatabase'>,
): TemporalPersistence {
  const url = new URL(postgresUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
    ...databases,
  };
}

/**
 * Creates and migrates Temporal's two databases with its own SQL tool, the same steps as the compose
 * file's `temporal-schema` service: `create-database`, `setup-schema -v 0.0`, `update-schema -d
 * <schema>/versioned`. Each step is idempotent, so this runs at every start.
 */
export async function prepareTemporalDatabases(
  install: TemporalServerInstall,
  persistence: TemporalPersistence,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const connection = [
    '--plugin',
    'postgres12',
    '--endpoint',
    persistence.host,
    '--port',
    String(persistence.port),
    '--user',
    persistence.user,
    '--password',
    persistence.password,
  ];
  const targets: Array<[string, string]> = [
    [persistence.database, 'temporal'],
    [persistence.visibilityDatabase, 'visibility'],
  ];
  for (const [database, schema] of targets) {
    log(`preparing Temporal's database ${database} (schema ${schema})`);
    const steps = [
      ['create-database'],
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '-d', join(install.schemaDir, schema, 'versioned')],
    ];
    for (const step of steps) {
      try {
        await run(install.sqlTool, [...connection, '--database', database, ...step], { timeout: 120_000 });
      } catch (error) {
        const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
        throw new Error(`temporal sql tool ${step[0]} on ${database} failed: ${stderr || stdout || message}`);
      }
    }
  }
}
