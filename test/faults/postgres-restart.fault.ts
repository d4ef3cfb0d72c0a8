import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/infra/free-port';
import { makePlans, MIXED_CASES } from './support/case-plans';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { OwnPostgres } from './support/own-postgres';
import { CaseRun } from './support/case-runner';
import {
  allStarted,
  runFaultScenario,
  SCENARIO_TIMEOUT_MS,
  STACK_START_TIMEOUT_MS,
  waitFor,
} from './support/scenario';

/** How long PostgreSQL stays down between its stop and its start. */
const DOWNTIME_MS = 5_000;

/** Statuses after which a case takes no more appends in these plans. */
const ENDED = new Set(['COMPLETED', 'CLOSED', 'CANCELLED']);

/**
 * The fault suite's shared PostgreSQL must never be restarted (other scenarios, or a server given by
 * TEST_DATABASE_URL, live on it): this scenario runs a server of its own, persistent on a temp directory,
 * and stops and starts that server (the postmaster, not just the connections) while ten cases append.
 */
describe('fault: PostgreSQL is stopped and started again while cases append', () => {
  let stack: FaultStack;
  let server: OwnPostgres;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aftersales-faults-pg-restart-'));
    const logDir = resolve(__dirname, '..', '..', '.data', 'fault-logs', 'postgres-restart-server');
    mkdirSync(logDir, { recursive: true });
    server = new OwnPostgres(dataDir, await freePort(), logDir);
    await server.start();
    stack = await FaultStack.start({ name: 'postgres-restart', adminDatabaseUrl: server.adminUrl });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  /** The postmaster's start time: a restarted server has a new one, a mere reconnect keeps it. */
  async function postmasterStartedAt(): Promise<string> {
    const client = new Client({ connectionString: stack.databaseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const { rows } = await client.query<{ started: string }>(
        'SELECT pg_postmaster_start_time()::text AS started',
      );
      return rows[0].started;
    } finally {
      await client.end();
    }
  }

  /**
   * Strikes as soon as every case has started, not after the default wait for a refund call (on a quiet
   * machine the cases would all have ended by then); reports how many were still open.
   */
  async function strikeWhileOpen(runs: CaseRun[]): Promise<{ openAtFault: number }> {
    if (!(await waitFor(() => allStarted(stack, runs), 60_000))) throw new Error('the cases did not start');
    const views = await Promise.all(runs.map((run) => stack.readView(run.caseId)));
    return { openAtFault: views.filter((view) => view && !ENDED.has(view.status)).length };
  }

  it(
    'ends all ten cases after the server is stopped (fast shutdown) and started again on its files',
    async () => {
      const before = await postmasterStartedAt();
      const { report, details } = await runFaultScenario(stack, {
        name: 'postgres restart',
        plans: makePlans(MIXED_CASES),
        ready: strikeWhileOpen,
        strike: async () => {
          const stopFrom = Date.now();
          await server.stop();
          const stoppedInMs = Date.now() - stopFrom;
          const refusedWhileDown = await server.refusesConnections();
          await sleep(DOWNTIME_MS);
          const startFrom = Date.now();
          await server.start();
          return {
            stoppedInMs,
            refusedWhileDown,
            downtimeMs: Date.now() - stopFrom,
            startedInMs: Date.now() - startFrom,
          };
        },
        after: async () => ({ workerSurvived: stack.worker?.alive }),
      });
      expect(report.problems).toEqual([]);
      // Cases were under way when the server went down.
      expect(details.openAtFault).toBeGreaterThan(0);
      // It was a restart of the server, not a reconnect, and the worker rode it out.
      expect(details.refusedWhileDown).toBe(true);
      expect(await postmasterStartedAt()).not.toBe(before);
      expect(details.workerSurvived).toBe(true);
      expect(stack.workers).toHaveLength(1);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
