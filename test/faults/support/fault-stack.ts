import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { createSandbox, RunningSandbox, Sandbox, SandboxOptions } from '../../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../../apps/sandbox/src/sandbox-control.client';
import { CaseStatus, CaseView } from '../../../libs/domain/src';
import { initDatabase } from '../../../libs/persistence/src';
import { freePort } from '../../../scripts/infra/free-port';
import { dropDatabase, ensureDatabase, withDatabase } from '../../../scripts/infra/postgres';
import { locateTemporalCli } from '../../../scripts/infra/temporal-cli';
import { SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';
import { Child, sleep } from './child-process';

const projectRoot = resolve(__dirname, '..', '..', '..');

/** Options of {@link startFaultStack}. */
export interface FaultStackOptions {
  /** Names the database, the logs (`.data/fault-logs/<name>/`) and the task queues. */
  name: string;
  sandbox?: SandboxOptions;
  /** Extra environment of the worker processes. */
  workerEnv?: NodeJS.ProcessEnv;
  /** A Temporal frontend (`host:port`, namespace `default`) run by the caller, instead of a dev server of the stack's own. */
  temporalAddress?: string;
  /** Admin URL of a PostgreSQL server of the caller's own (e.g. one a scenario restarts), instead of the suite's. */
  adminDatabaseUrl?: string;
}

/** A case's row of the `case_views` read model. */
export interface CaseViewRow {
  status: CaseStatus;
  version: number;
  view: CaseView;
}

/**
 * What a fault test runs against, every part of it killable: its own PostgreSQL database, a Temporal
 * dev server (child process, state in a SQLite file so a restart keeps it) and the worker (child
 * process `node dist/apps/worker/src/main.js`); the sandbox runs in this process.
 */
export class FaultStack {
  readonly caseTaskQueue: string;
  readonly refundTaskQueue: string;
  readonly logDir: string;
  temporal: Child | undefined;
  worker: Child | undefined;
  /** Workers started so far (a killed one stays here, for its log). */
  readonly workers: Child[] = [];
  client!: Client;
  /** Observes the read model and the log, from outside the worker. */
  pool!: Pool;
  sandbox!: { url: string; instance: Sandbox; control: SandboxControlClient };

  private stopping = false;
  private connection: Connection | undefined;
  private runningSandbox: RunningSandbox | undefined;
  private readonly stateDir: string;
  private readonly temporalCli: string;

  private constructor(
    readonly options: FaultStackOptions,
    readonly adminUrl: string,
    readonly database: string,
    readonly databaseUrl: string,
    readonly temporalPort: number,
  ) {
    this.caseTaskQueue = `faults-${options.name}-cases`;
    this.refundTaskQueue = `faults-${options.name}-refunds`;
    this.logDir = join(projectRoot, '.data', 'fault-logs', options.name);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    this.stateDir = mkdtempSync(join(tmpdir(), `aftersales-faults-${options.name}-`));
    const cli = locateTemporalCli(projectRoot, (line) => process.stderr.write(`[fault-stack] ${line}\n`));
    if (!cli) {
      throw new Error(
        'the fault tests need the Temporal CLI: set TEMPORAL_CLI, put `temporal` on PATH, or run `npm test` ' +
          'once so it is built into .tools/bin (README, "Temporal CLI")',
      );
    }
    this.temporalCli = cli.path;
  }

  /** `host:port` of the Temporal frontend (the same across restarts). */
  get temporalAddress(): string {
    return this.options.temporalAddress ?? `127.0.0.1:${this.temporalPort}`;
  }

  /** Creates the database, starts Temporal, the sandbox and one worker, and connects a client. */
  static async start(options: FaultStackOptions): Promise<FaultStack> {
    const adminUrl = options.adminDatabaseUrl ?? process.env.FAULTS_ADMIN_DATABASE_URL;
    if (!adminUrl)
      throw new Error('FAULTS_ADMIN_DATABASE_URL is unset: run with jest -c jest.faults.config.js');
    const database = `faults_${options.name.replace(/\W/g, '_')}_${process.pid}`;
    await dropDatabase(adminUrl, database);
    await ensureDatabase(adminUrl, database);
    const stack = new FaultStack(
      options,
      adminUrl,
      database,
      withDatabase(adminUrl, database),
      await freePort(),
    );
    try {
      stack.pool = new Pool({ connectionString: stack.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
      // The pool's connections are terminated on purpose in one scenario: a dropped idle client is not an error.
      stack.pool.on('error', () => undefined);
      const sandbox = createSandbox(options.sandbox);
      stack.runningSandbox = await sandbox.listen(0);
      stack.sandbox = {
        url: stack.runningSandbox.url,
        instance: sandbox,
        control: new SandboxControlClient(stack.runningSandbox.url),
      };
      if (!options.temporalAddress) await stack.startTemporal();
      stack.connection = await Connection.connect({ address: stack.temporalAddress });
      stack.client = new Client({ connection: stack.connection, namespace: 'default' });
      await stack.startWorker();
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** Starts the Temporal dev server on this stack's port and SQLite file, and waits until it answers. */
  async startTemporal(): Promise<void> {
    if (this.temporal?.alive) throw new Error('Temporal is already running');
    const searchAttributes = SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${key.type.charAt(0)}${key.type.slice(1).toLowerCase()}`,
    ]);
    this.temporal = new Child({
      name: 'temporal dev server',
      command: this.temporalCli,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.temporalPort),
        '--headless',
        '--db-filename',
        join(this.stateDir, 'temporal.sqlite'),
        ...searchAttributes,
        '--dynamic-config-value',
        'frontend.enableUpdateWorkflowExecution=true',
        '--log-level',
        'warn',
      ],
      env: process.env,
      cwd: projectRoot,
      logFile: join(this.logDir, 'temporal.log'),
    });
    await this.waitForTemporal(60_000);
  }

  /** Stops the Temporal dev server (SIGTERM, SIGKILL after 15 s). */
  async stopTemporal(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.temporal?.stop(signal);
  }

  /** Starts a worker process (`node dist/apps/worker/src/main.js`) and waits until it polls. */
  async startWorker(): Promise<Child> {
    const index = this.workers.length + 1;
    const worker = new Child({
      name: `worker #${index}`,
      command: process.execPath,
      args: ['--enable-source-maps', join(projectRoot, 'dist', 'apps', 'worker', 'src', 'main.js')],
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: this.temporalAddress,
        TEMPORAL_NAMESPACE: 'default',
        DATABASE_URL: this.databaseUrl,
        CASE_TASK_QUEUE: this.caseTaskQueue,
        REFUND_TASK_QUEUE: this.refundTaskQueue,
        SANDBOX_URL: this.sandbox.url,
        INTEGRATIONS_TIMEOUT_MS: '2000',
        ...this.options.workerEnv,
      },
      cwd: projectRoot,
      logFile: join(this.logDir, `worker-${index}.log`),
    });
    this.workers.push(worker);
    this.worker = worker;
    // Bundling the workflows (webpack) takes a few seconds, more on a busy machine.
    await worker.waitForOutput(/aftersales worker polling/, 120_000);
    return worker;
  }

  /** kill -9 of the current worker: no drain, its tasks are left to time out. */
  async killWorker(): Promise<void> {
    await this.worker?.stop('SIGKILL');
  }

  /** Failed activity attempts (retried by Temporal) in the logs of every worker so far, by activity type. */
  activityFailures(): Record<string, number> {
    const failures: Record<string, number> = {};
    for (const worker of this.workers) {
      for (const block of worker.logText().split('Activity failed').slice(1)) {
        const type = /activityType: '([^']+)'/.exec(block)?.[1] ?? 'unknown';
        failures[type] = (failures[type] ?? 0) + 1;
      }
    }
    return failures;
  }

  /** Runs a query on this stack's database, again on a new connection if the pool's was dropped. */
  async query<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.pool.query<T>(sql, params)).rows;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(200);
      }
    }
  }

  /** The case's row of `case_views`, or undefined (not yet appended, or the database is unreachable). */
  async readView(caseId: string): Promise<CaseViewRow | undefined> {
    try {
      const rows = await this.query<CaseViewRow>(
        'SELECT status, version, view FROM case_views WHERE case_id = $1',
        [caseId],
      );
      return rows[0];
    } catch {
      return undefined;
    }
  }

  /** A DataSource on this stack's database (migrated by the worker already), for the rebuild. */
  openDataSource(): Promise<DataSource> {
    return initDatabase(this.databaseUrl, { applicationName: 'aftersales-fault-test', poolSize: 3 });
  }

  /** Throws once the stack is stopping, so that case drivers left running by a failed test give up. */
  assertRunning(): void {
    if (this.stopping) throw new Error('the fault stack was stopped');
  }

  /** Stops everything this stack started and drops its database. */
  async stop(): Promise<void> {
    this.stopping = true;
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['worker', async () => this.worker?.stop('SIGTERM')],
      ['workers', async () => Promise.all(this.workers.map((worker) => worker.stop('SIGKILL')))],
      ['client', async () => this.connection?.close()],
      ['temporal', async () => this.temporal?.stop('SIGTERM')],
      ['sandbox', async () => this.runningSandbox?.close()],
      ['pool', async () => this.pool?.end()],
      ['database', async () => dropDatabase(this.adminUrl, this.database)],
      ['state', async () => rmSync(this.stateDir, { recursive: true, force: true })],
    ];
    for (const [name, step] of steps) {
      await step().catch((error: Error) =>
        process.stderr.write(`[fault-stack] stopping ${name}: ${error.message}\n`),
      );
    }
  }

  private async waitForTemporal(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.temporal?.alive) {
        throw new Error(`the Temporal dev server exited at start:\n${this.temporal?.tail()}`);
      }
      let probe: Connection | undefined;
      try {
        probe = await Connection.connect({ address: this.temporalAddress, connectTimeout: 2_000 });
        await probe.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `the Temporal dev server did not answer within ${timeoutMs} ms (${(error as Error).message}):\n` +
              this.temporal.tail(),
          );
        }
        await sleep(250);
      } finally {
        await probe?.close().catch(() => undefined);
      }
    }
  }
}
