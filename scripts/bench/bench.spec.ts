import { workerTuningFromEnv } from '../../apps/worker/src/workers';
import { parseBenchOptions, TUNED_CONFIG } from './bench-options';
import { planFromProfile } from './history-profile';
import { percentile, summarize } from './stats';

describe('npm run bench', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(summarize([]).count).toBe(0);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 });
  });

  it('defaults to 200 cases on 1 and 2 workers with the tuned configuration', () => {
    const options = parseBenchOptions([], {});
    expect(options).toMatchObject({
      cases: 200,
      workers: [1, 2],
      temporal: ['dev-server'],
      concurrency: 200,
      tunings: true,
    });
    expect(options !== 'help' && options.config).toEqual(TUNED_CONFIG);
  });

  it('reads flags and BENCH_* variables, flags first', () => {
    const options = parseBenchOptions(
      [
        '--cases',
        '40',
        '--workers=2',
        '--no-tunings',
        '--sqlite-pragmas',
        'none',
        '--worker-tuning',
        'maxCachedWorkflows=50',
      ],
      { BENCH_CASES: '10', BENCH_CONCURRENCY: '5' },
    );
    expect(options).toMatchObject({
      cases: 40,
      workers: [2],
      concurrency: 5,
      tunings: false,
      config: { sqlitePragmas: {}, prebuiltBundle: true, workerTuning: { maxCachedWorkflows: 50 } },
    });
    expect(parseBenchOptions(['--help'], {})).toBe('help');
  });

  it('measures the topologies of --temporal, else of TEMPORAL_TOPOLOGY', () => {
    expect(parseBenchOptions(['--temporal=server'], {})).toMatchObject({ temporal: ['server'] });
    expect(parseBenchOptions(['--temporal', 'dev-server,server'], {})).toMatchObject({
      temporal: ['dev-server', 'server'],
    });
    expect(parseBenchOptions([], { TEMPORAL_TOPOLOGY: 'server' })).toMatchObject({ temporal: ['server'] });
    expect(() => parseBenchOptions(['--temporal=k8s'], {})).toThrow(/--temporal/);
  });

  it('refuses bad values with a message naming the option', () => {
    expect(() => parseBenchOptions(['--cases', '0'], {})).toThrow(/--cases/);
    expect(() => parseBenchOptions(['--workers', '1,x'], {})).toThrow(/--workers/);
    expect(() => parseBenchOptions(['--worker-tuning', 'nope=1'], {})).toThrow(/nope/);
    expect(() => parseBenchOptions(['--frobnicate'], {})).toThrow(/--frobnicate/);
  });

  it('turns a case history profile into a baseline plan with the same counts', () => {
    const plan = planFromProfile({
      samples: 3,
      events: 120,
      workflowTasks: 18,
      activities: 15,
      activitiesByType: {},
      appendCalls: 4,
      updates: 4,
      signals: 0,
      timersStarted: 5,
      timersCancelled: 5,
      searchAttributeUpserts: 5,
      activitiesBeforeFirstUpdate: 5,
    });
    expect(plan).toEqual({
      initialActivities: 5,
      updates: 4,
      activitiesPerUpdate: 1,
      finalActivities: 6,
      signals: 0,
      timers: 5,
    });
    expect(plan.initialActivities + plan.updates * plan.activitiesPerUpdate + plan.finalActivities).toBe(15);
  });

  it('reads worker sizes from WORKER_* variables and refuses a bad one by name', () => {
    expect(workerTuningFromEnv({})).toEqual({});
    expect(
      workerTuningFromEnv({
        WORKER_MAX_CACHED_WORKFLOWS: '50',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASK_POLLS: '4',
      }),
    ).toEqual({ maxCachedWorkflows: 50, maxConcurrentWorkflowTaskPolls: 4 });
    expect(() => workerTuningFromEnv({ WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(
      /WORKER_MAX_CONCURRENT_ACTIVITIES/,
    );
  });
});
