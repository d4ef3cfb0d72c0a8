import { makePlans, MIXED_CASES } from './support/case-plans';
import { runCases } from './support/case-runner';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { checkInvariants } from './support/invariants';
import {
  SCENARIO_DEADLINE_MS,
  SCENARIO_TIMEOUT_MS,
  STACK_START_TIMEOUT_MS,
  stagesOf,
  strikeMoment,
  summarize,
} from './support/scenario';

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
      const startedAt = Date.now();
      const { runs, finished } = runCases(stack, makePlans(MIXED_CASES), {
        staggerMs: 500,
        deadline: startedAt + SCENARIO_DEADLINE_MS,
      });

      // Strike once every case has started, preferably while a refund call is under way.
      const { refundInFlight } = await strikeMoment(stack, runs);
      const stagesAtFault = await stagesOf(stack, runs);
      const faultAt = Date.now();
      const killed = stack.worker;
      await stack.killWorker();
      expect(killed?.alive).toBe(false);
      await sleep(2_000);
      await stack.startWorker();
      const faultEndedAt = Date.now();

      await finished;
      const report = await checkInvariants(stack, runs);
      summarize(stack, {
        scenario: 'worker kill -9',
        runs,
        startedAt,
        faultAt,
        faultEndedAt,
        stagesAtFault,
        report,
        details: {
          refundInFlightAtKill: refundInFlight,
        },
      });
      expect(report.problems).toEqual([]);
      // The new worker survived the run.
      expect(stack.worker?.alive).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
