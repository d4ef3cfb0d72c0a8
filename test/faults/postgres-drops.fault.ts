import { Client } from 'pg';
import { makePlans, MIXED_CASES } from './support/case-plans';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, STACK_START_TIMEOUT_MS } from './support/scenario';

/** How long connections are dropped, and how often. */
const STORM_MS = 10_000;
const STORM_INTERVAL_MS = 50;

describe('fault: PostgreSQL connections are dropped while cases append', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'postgres-drops' });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it(
    'ends all ten cases although every connection to the database is terminated every 50 ms for 10 s',
    async () => {
      const killer = new Client({ connectionString: stack.adminUrl });
      await killer.connect();
      let terminated = 0;
      try {
        const { report } = await runFaultScenario(stack, {
          name: 'postgres connection drops',
          plans: makePlans(MIXED_CASES),
          // The storm starts with the first cases and lasts while the others start and append.
          ready: async () => {
            await sleep(1_000);
            return {};
          },
          strike: async () => {
            const stormFrom = Date.now();
            let rounds = 0;
            while (Date.now() - stormFrom < STORM_MS) {
              const { rows } = await killer.query<{ terminated: number }>(
                `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS terminated
                 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
                [stack.database],
              );
              rounds += 1;
              terminated += rows[0].terminated;
              await sleep(STORM_INTERVAL_MS);
            }
            const appended = await stack.query<{ events: number }>(
              `SELECT count(*)::int AS events FROM case_events
               WHERE recorded_at BETWEEN to_timestamp($1) AND to_timestamp($2)`,
              [stormFrom / 1000, Date.now() / 1000],
            );
            return { rounds, backendsTerminated: terminated, eventsAppendedDuringStorm: appended[0].events };
          },
          after: async () => ({ workerSurvived: stack.worker?.alive }),
        });
        expect(report.problems).toEqual([]);
        // The storm hit connections in use, and the worker rode it out instead of exiting.
        expect(terminated).toBeGreaterThan(0);
        expect(stack.workers).toHaveLength(1);
        expect(stack.worker?.alive).toBe(true);
      } finally {
        await killer.end();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
