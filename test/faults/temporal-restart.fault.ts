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
      const startedAt = Date.now();
      const { runs, finished } = runCases(stack, makePlans(MIXED_CASES), {
        staggerMs: 500,
        deadline: startedAt + SCENARIO_DEADLINE_MS,
      });

      // Strike once every case has started, preferably while a refund call is under way.
      const { refundInFlight } = await strikeMoment(stack, runs);
      const stagesAtFault = await stagesOf(stack, runs);
      const faultAt = Date.now();
      const server = stack.temporal;
      await stack.stopTemporal();
      expect(server?.alive).toBe(false);
      await sleep(DOWNTIME_MS);
      await stack.startTemporal();
      const faultEndedAt = Date.now();

      await finished;
      const report = await checkInvariants(stack, runs);
      summarize(stack, {
        scenario: 'temporal restart',
        runs,
        startedAt,
        faultAt,
        faultEndedAt,
        stagesAtFault,
        report,
        details: {
          refundInFlightAtStop: refundInFlight,
          workerSurvived: stack.worker?.alive,
        },
      });
      expect(report.problems).toEqual([]);
      // The worker rode out the outage: it reconnected instead of exiting.
      expect(stack.workers).toHaveLength(1);
      expect(stack.worker?.alive).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
