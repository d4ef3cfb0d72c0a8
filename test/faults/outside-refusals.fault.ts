import { makePlans } from './support/case-plans';
import { CaseRun } from './support/case-runner';
import { FaultStack } from './support/fault-stack';
import { OpsApi, startOpsApi } from './support/ops-api';
import { exchangePlan, Gate, pickupLeftToItsClock, repairPlan } from './support/refusal-plans';
import { expectRefusalsHandled, refusalScenario } from './support/refusals';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, STACK_START_TIMEOUT_MS } from './support/scenario';

/** The code of a 2xx answer whose body breaks the contract, as the clients report it. */
const MALFORMED = 'EXTERNAL_SYSTEM_BAD_RESPONSE';

/**
 * Each outside system in turn refuses every call — half with a 4xx (the `rejectStatus` of the sandbox's
 * fault), half with a 2xx whose body breaks the contract — while cases need it. No case may fail: each
 * waits in `needsAttention` (listed by the stuck-case endpoint as STEP_REFUSED) or ends by a clock; once
 * the fault is cleared ops retry or resolve the steps through the ops endpoints, and every case ends
 * with a gapless log, views equal to a rebuild and every refund paid at most once.
 */
describe('fault: outside systems refuse calls (4xx) and answer malformed bodies', () => {
  let stack: FaultStack;
  let ops: OpsApi;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'outside-refusals' });
    ops = await startOpsApi(stack);
  }, STACK_START_TIMEOUT_MS);

  afterAll(async () => {
    await ops?.close();
    await stack?.stop();
  }, 60_000);

  /** Every case waits for the warehouse's inspection (the gate holds it until the fault is set). */
  const allAwaitInspection = async (runs: CaseRun[]) => {
    for (const run of runs) {
      if ((await stack.readView(run.caseId))?.status !== 'AWAITING_INSPECTION') return false;
    }
    return true;
  };

  it(
    'refund system: refused refunds are retried (paid once, a malformed one absorbed) or resolved DONE',
    async () => {
      let paidOutside = 0;
      const { report, details } = await runFaultScenario(
        stack,
        refusalScenario(stack, ops, {
          name: 'refund system refuses (422) and answers malformed',
          service: 'refund',
          rejectStatus: 422,
          plans: makePlans(['freshClaim', 'freshClaim', 'pickupGradedA', 'selfShipped', 'freshClaim']),
          // Refusing from the first call on: every refund meets the fault.
          ready: () => Promise.resolve(true),
          // One refund the refund system refused is paid by bank transfer; the others are retried.
          decide: (run, item) => {
            if (item.error.code !== MALFORMED && paidOutside === 0) {
              paidOutside += 1;
              return {
                resolve: { outcome: 'DONE', externalRef: `bank-${run.caseId}`, note: 'paid by transfer' },
              };
            }
            return { retry: 'the refund system takes refunds again' };
          },
        }),
      );
      expect(report.problems).toEqual([]);
      expectRefusalsHandled(details);
      expect(details).toMatchObject({ listed: 5, resolvedDone: 1, retried: 4 });
      // A malformed answer had paid: its retry under the same key was absorbed, not paid again.
      expect(report.duplicatesAbsorbed).toBeGreaterThanOrEqual(Number(details.malformedInjected));
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'carrier: refused pickups are retried, skipped, or left while the ship-by clock closes the case',
    async () => {
      const plans = [
        ...makePlans(['pickupGradedA', 'pickupGradedA', 'pickupGradedA', 'pickupGradedA']),
        pickupLeftToItsClock(5, 'PT60S'),
        pickupLeftToItsClock(6, 'PT60S'),
      ];
      const [leftAlone, skipped] = plans.slice(4);
      const { report, details } = await runFaultScenario(
        stack,
        refusalScenario(stack, ops, {
          name: 'carrier refuses pickups (401) and answers malformed',
          service: 'carrier',
          rejectStatus: 401,
          plans,
          ready: () => Promise.resolve(true),
          decide: (run) => {
            if (run.plan === leftAlone) return 'LEAVE';
            if (run.plan === skipped) {
              return { resolve: { outcome: 'SKIPPED', note: 'the customer brings it to a counter' } };
            }
            return { retry: 'carrier credentials rotated back' };
          },
          after: async (runs) => {
            const ours = new Set(runs.map((run) => run.caseId));
            const perCase = new Map<string, number>();
            for (const booking of stack.sandbox.instance.state.carrier.pickups.values()) {
              if (ours.has(booking.caseId))
                perCase.set(booking.caseId, (perCase.get(booking.caseId) ?? 0) + 1);
            }
            const counts = [...perCase.values()];
            return {
              pickupBookings: counts.reduce((sum, n) => sum + n, 0),
              casesBookedTwice: counts.filter((n) => n > 1).length,
            };
          },
        }),
      );
      expect(report.problems).toEqual([]);
      expectRefusalsHandled(details);
      expect(details).toMatchObject({ listed: 6, retried: 4, resolvedSkipped: 1, leftToClocks: 1 });
      // The ship-by clock closed both cases it was left to, the one still listed included.
      expect(details.clockActedWhileListed).toBe(1);
      // A booking whose answer was malformed is found again by the retry (one key per booking action).
      expect(details.casesBookedTwice).toBe(0);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'warehouse: refused replacement reservations are retried and the replacements ship',
    async () => {
      const gate: Gate = { open: false };
      const { report, details } = await runFaultScenario(
        stack,
        refusalScenario(stack, ops, {
          name: 'warehouse refuses reservations (403) and answers malformed',
          service: 'wms',
          rejectStatus: 403,
          plans: [1, 2, 3, 4].map((n) => exchangePlan(n, gate)),
          gate,
          ready: allAwaitInspection,
        }),
      );
      expect(report.problems).toEqual([]);
      expectRefusalsHandled(details);
      expect(details).toMatchObject({ listed: 4, retried: 4 });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'repair centre: refused repair orders are retried and the repairs complete',
    async () => {
      const gate: Gate = { open: false };
      const { report, details } = await runFaultScenario(
        stack,
        refusalScenario(stack, ops, {
          name: 'repair centre refuses repairs (400) and answers malformed',
          service: 'repair',
          rejectStatus: 400,
          plans: [1, 2, 3, 4].map((n) => repairPlan(n, gate)),
          gate,
          ready: allAwaitInspection,
        }),
      );
      expect(report.problems).toEqual([]);
      expectRefusalsHandled(details);
      expect(details).toMatchObject({ listed: 4, retried: 4 });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
