import { makePlans, REFUND_CASES } from './support/case-plans';
import { sleep } from './support/child-process';
import { FaultStack } from './support/fault-stack';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, STACK_START_TIMEOUT_MS } from './support/scenario';

/**
 * 30 % of the refund calls answer 503, 30 % of the others pay but answer after 3 s, past the worker's
 * 2 s call timeout (so the retry must find the refund paid). Seeded: the first call times out and
 * the second fails (seed 27: T F T F . . .), and so do the first calls after the outage (seed 43:
 * T T F F T F ...), whatever the timing.
 */
const FLAKY_REFUNDS = { failureRate: 0.3, timeoutRate: 0.3, timeoutHangMs: 3_000 };
const SEED_FROM_START = 27;
const SEED_AFTER_OUTAGE = 43;

/** How long the refund system is down altogether in the middle of the run. */
const OUTAGE_MS = 6_000;

describe('fault: the refund system fails and times out', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await FaultStack.start({
      name: 'refund-faults',
      sandbox: { faults: { refund: { ...FLAKY_REFUNDS, seed: SEED_FROM_START } } },
      workerEnv: { INTEGRATIONS_TIMEOUT_MS: '2000' },
    });
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it(
    'pays each of ten refunded cases exactly once through 5xx answers, timeouts and an outage',
    async () => {
      type Stats = Awaited<ReturnType<typeof refundStats>>;
      const refundStats = async () => (await stack.sandbox.control.faults()).refund.stats;
      let flakyBefore: Stats | undefined;
      let outage: Stats | undefined;
      let flakyAfter: Stats | undefined;
      const { report } = await runFaultScenario(stack, {
        name: 'refund system 5xx, timeouts and outage',
        plans: makePlans(REFUND_CASES),
        // Flaky from the start; after 3 s down altogether for 6 s, then flaky again.
        ready: async () => {
          await sleep(3_000);
          flakyBefore = await refundStats();
          return {};
        },
        strike: async () => {
          await stack.sandbox.control.setFault('refund', { failUntilCleared: true });
          await sleep(OUTAGE_MS);
          outage = await refundStats();
          await stack.sandbox.control.setFault('refund', { ...FLAKY_REFUNDS, seed: SEED_AFTER_OUTAGE });
          return { outageCalls: outage.calls };
        },
        after: async () => {
          flakyAfter = await refundStats();
          const sum = (field: 'failuresInjected' | 'timeoutsInjected') =>
            [flakyBefore, outage, flakyAfter].reduce((total, stats) => total + (stats?.[field] ?? 0), 0);
          return { injected503: sum('failuresInjected'), injectedTimeouts: sum('timeoutsInjected') };
        },
      });
      if (!flakyBefore || !outage || !flakyAfter) throw new Error('the scenario did not run its steps');
      const failures = flakyBefore.failuresInjected + flakyAfter.failuresInjected;
      const timeouts = flakyBefore.timeoutsInjected + flakyAfter.timeoutsInjected;
      expect(report.problems).toEqual([]);
      // The faults did fire, and every timed-out call that had paid was absorbed on its retry.
      expect(failures).toBeGreaterThan(0);
      expect(outage.failuresInjected).toBeGreaterThan(0);
      expect(timeouts).toBeGreaterThan(0);
      expect(report.duplicatesAbsorbed).toBeGreaterThanOrEqual(timeouts);
      expect(stack.worker?.alive).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
