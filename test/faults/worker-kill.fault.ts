import { makePlans, MIXED_CASES } from './support/case-plans';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, STACK_START_TIMEOUT_MS } from './support/scenario';

describe('fault: the worker is killed with SIGKILL mid-run', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    // Each refund call takes 1.5 s, so the kill finds refunds the refund system pays after the worker died.
    stack = await FaultStack.start({
      name: 'worker-kill',
      sandbox: { faults: { refund: { latencyMs: 1_500 } } },
    });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it(
    'ends all ten cases once another worker takes over, with whole logs, rebuildable views and one payout per refund',
    async () => {
      const { report } = await runFaultScenario(stack, {
        name: 'worker kill -9',
        plans: makePlans(MIXED_CASES),
        strike: async () => {
          const killed = stack.worker;
          await stack.killWorker();
          expect(killed?.alive).toBe(false);
          await sleep(2_000);
          await stack.startWorker();
          return {};
        },
      });
      expect(report.problems).toEqual([]);
      // The new worker survived the run.
      expect(stack.worker?.alive).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
