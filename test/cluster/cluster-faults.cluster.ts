import { CLUSTER_SERVICES, HISTORY_SHARDS } from '../../scripts/infra/temporal-cluster';
import { ApiHarness, identities, Identities, startApi } from '../e2e/e2e-support';
import { makePlans, MIXED_CASES, REFUND_CASES } from '../faults/support/case-plans';
import { sleep } from '../faults/support/child-process';
import { runFaultScenario, SCENARIO_TIMEOUT_MS, waitFor } from '../faults/support/scenario';
import { ApiLoadResult, startApiLoad } from './support/api-load';
import { ClusterStack } from './support/cluster-stack';

/** How long a restarted part of the cluster stays down. */
const DOWNTIME_MS = 5_000;

/** Membership notices a dead history process within seconds; its shards must have moved by then. */
const SHARD_TAKEOVER_MS = 90_000;

/** The shard ids (from 1). */
const SHARDS = Array.from({ length: HISTORY_SHARDS }, (_, index) => index + 1);

// Starting PostgreSQL, the cluster (building it on a cold cache) and a worker bundling the workflows.
jest.setTimeout(SCENARIO_TIMEOUT_MS);

describe('the server topology: Temporal services as processes on PostgreSQL, under faults', () => {
  let stack: ClusterStack;

  beforeAll(async () => {
    // Each refund call takes 1.5 s, so faults find refunds in flight.
    stack = await ClusterStack.start({
      name: 'cluster',
      sandbox: { faults: { refund: { latencyMs: 1_500 } } },
    });
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  it('spreads the history shards over both history processes', () => {
    const first = stack.shardsAcquired('history-1');
    const second = stack.shardsAcquired('history-2');
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect([...new Set([...first, ...second])].sort()).toEqual(SHARDS);
  });

  it('ends ten cases at every stage across a restart of matching', async () => {
    const { report } = await runFaultScenario(stack.faults, {
      name: 'cluster: matching restart',
      plans: makePlans(MIXED_CASES),
      strike: async () => {
        await stack.cluster.stopService('matching');
        await sleep(DOWNTIME_MS);
        await stack.cluster.startService('matching');
        await stack.cluster.waitUntilServing();
        return {};
      },
    });
    expect(report.problems).toEqual([]);
    expect(stack.faults.worker?.alive).toBe(true);
  });

  describe('with the API in front', () => {
    let api: ApiHarness;
    let who: Identities;

    beforeAll(async () => {
      process.env.TEMPORAL_ADDRESS = stack.cluster.address;
      process.env.DATABASE_URL = stack.faults.databaseUrl;
      process.env.AUTH_JWT_SECRET ??= 'cluster-test-secret';
      api = await startApi();
      who = identities();
    }, 300_000);

    afterAll(async () => {
      await api?.stack.stop();
    });

    it('answers 503 while the frontend restarts under API load, then recovers; no case lost', async () => {
      let load: ApiLoadResult | undefined;
      const { report } = await runFaultScenario(stack.faults, {
        name: 'cluster: frontend restart under API load',
        plans: makePlans(MIXED_CASES),
        strike: async () => {
          const running = startApiLoad(api, who);
          await sleep(2_000);
          await stack.cluster.stopService('frontend');
          await sleep(DOWNTIME_MS);
          await stack.cluster.startService('frontend');
          await stack.cluster.waitUntilServing();
          await sleep(3_000);
          load = await running.stop();
          return { health: load.health, posts: load.posts, opened: load.cases.length };
        },
      });
      expect(report.problems).toEqual([]);
      if (!load) throw new Error('the load did not run');
      // /health said the frontend was gone, and every request was answered in the end.
      expect(load.health['503']).toBeGreaterThan(0);
      expect(load.health['200']).toBeGreaterThan(0);
      const unanswered = load.cases.filter((opened) => ![200, 201].includes(opened.answers.at(-1) as number));
      expect(unanswered).toEqual([]);
      // No case lost: each request's case is there, its log gapless from seq 1.
      for (const opened of load.cases) {
        const view = await api.call('GET', `/v1/cases/${opened.caseId}`, who.ops);
        expect({ caseId: opened.caseId, status: view.status }).toEqual({
          caseId: opened.caseId,
          status: 200,
        });
        const events = (await api.call('GET', `/v1/cases/${opened.caseId}/events`, who.ops)).body
          .items as Array<{
          seq: number;
        }>;
        expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
        expect(view.body.version).toBe(events.length);
      }
    });
  });

  it('ends ten cases at every stage across a restart of PostgreSQL, which holds Temporal and the event log', async () => {
    const { report } = await runFaultScenario(stack.faults, {
      name: 'cluster: postgres restart',
      plans: makePlans(MIXED_CASES),
      strike: async () => {
        await stack.restartPostgres(DOWNTIME_MS);
        await stack.cluster.waitUntilServing();
        return {};
      },
    });
    expect(report.problems).toEqual([]);
    expect(aliveServices(stack)).toEqual([...CLUSTER_SERVICES].sort());
  });

  it('completes a burst of twenty cases after kill -9 of one history process, the survivor taking every shard', async () => {
    const survivorLogFrom = stack.cluster.services['history-1'].logText().length;
    let moved: number[] = [];
    const { report, details } = await runFaultScenario(stack.faults, {
      name: 'cluster: history kill -9',
      plans: makePlans([...REFUND_CASES, ...MIXED_CASES]),
      strike: async () => {
        // The shards history-2 holds (acquired last by it) must be acquired anew by history-1.
        moved = stack.shardsAcquired('history-2');
        await stack.cluster.stopService('history-2', 'SIGKILL');
        const tookOver = await waitFor(async () => {
          const acquired = stack.shardsAcquired('history-1', survivorLogFrom);
          return moved.every((shard) => acquired.includes(shard));
        }, SHARD_TAKEOVER_MS);
        return { tookOver, moved, survivorAcquired: stack.shardsAcquired('history-1', survivorLogFrom) };
      },
    });
    // Every case ended as planned, logs gapless, views rebuildable, each refund paid once (the invariants).
    expect(report.problems).toEqual([]);
    expect(report.payouts).toBeGreaterThanOrEqual(REFUND_CASES.length);
    expect(moved.length).toBeGreaterThan(0);
    expect(details.tookOver).toBe(true);
    expect(stack.cluster.services['history-2'].alive).toBe(false);
    expect(aliveServices(stack)).toEqual(
      CLUSTER_SERVICES.filter((service) => service !== 'history-2').sort(),
    );
  });
});

/** The cluster's services still running. */
function aliveServices(stack: ClusterStack): string[] {
  return Object.entries(stack.cluster.services)
    .filter(([, process]) => process.alive)
    .map(([service]) => service)
    .sort();
}
