import { makePlans, MIXED_CASES } from './support/case-plans';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, STACK_START_TIMEOUT_MS } from './support/scenario';

/** How long the Temporal server stays down. */
const DOWNTIME_MS = 5_000;

describe('fault: the Temporal server restarts mid-run', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    // Each refund call takes 1.5 s, so the restart finds refunds whose completion cannot be reported.
    stack = await FaultStack.start({
      name: 'temporal-restart',
      sandbox: { faults: { refund: { latencyMs: 1_500 } } },
    });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it(
    'ends all ten cases after the dev server is stopped and started on the same SQLite file and port',
    async () => {
      const { report } = await runFaultScenario(stack, {
        name: 'temporal restart',
        plans: makePlans(MIXED_CASES),
        strike: async () => {
          const server = stack.temporal;
          await stack.stopTemporal();
          expect(server?.alive).toBe(false);
          await sleep(DOWNTIME_MS);
          await stack.startTemporal();
          return {};
        },
        after: async () => ({ workerSurvived: stack.worker?.alive }),
      });
      expect(report.problems).toEqual([]);
      // The worker rode out the outage: it reconnected instead of exiting.
      expect(stack.workers).toHaveLength(1);
      expect(stack.worker?.alive).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
