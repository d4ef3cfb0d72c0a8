import { workflowCacheSize } from '../../apps/worker/src/worker-cache-size';
import { WORKER_TUNING_VARIABLES, WorkerTuning } from '../../apps/worker/src/workers';
import { TemporalTopology } from '../infra/topology';
import { plansOf } from './baseline-plans';
import { BenchOptions } from './bench-options';
import { BenchStack, StackConfig, StackContext } from './bench-stack';
import { MemorySeries, runMemorySeries } from './memory-phase';
import { OpenLoopResult, runBaselineOpenLoop, runServiceOpenLoop } from './open-loop-phase';
import { PhaseOptions, PhaseResult, runBaselinePhase, runServicePhase } from './phases';

/** Runs `work` on a fresh stack and stops the stack afterwards. */
export type WithStack = <T>(
  label: string,
  config: StackConfig,
  topology: TemporalTopology,
  work: (stack: BenchStack) => Promise<T>,
) => Promise<T>;

/** What the modes need of the run. */
export interface ModeContext {
  ctx: StackContext;
  options: BenchOptions;
  withStack: WithStack;
  phase: (cases: number, name: string) => PhaseOptions;
  runId: string;
}

/** One rate of the open-loop mode: ours and the baseline at it. */
export interface OpenLoopStep {
  rate: number;
  /** The fraction of the baseline's burst throughput this rate is, when asked that way. */
  fraction?: number;
  service: OpenLoopResult;
  baseline: OpenLoopResult;
}

/** What the open-loop mode measured. */
export interface OpenLoopReport {
  topology: TemporalTopology;
  /** Our closed-loop cases whose histories give the baseline its plans (and the appends per case). */
  profile: PhaseResult;
  /** The baseline's burst, when the rates are fractions of its throughput. */
  burst?: PhaseResult;
  steps: OpenLoopStep[];
}

/** Cases of the profiling phase: two of each path. */
const PROFILE_CASES = 8;

/**
 * The open-loop mode on one fresh stack: a few of our cases for the baseline's plans, the baseline's
 * burst throughput if rates are fractions of it, then at each rate ours and the baseline's steady arrivals.
 */
export async function runOpenLoopMode(run: ModeContext): Promise<OpenLoopReport> {
  const { ctx, options, withStack, phase } = run;
  const openLoop = options.openLoop!;
  const topology = options.temporal[0];
  const workers = options.workers[0];
  return withStack('open-loop', options.config, topology, async (stack) => {
    const profile = await runServicePhase(ctx, stack, workers, phase(PROFILE_CASES, 'op'), 'ours, profiling');
    const plans = plansOf(profile);
    let burst: PhaseResult | undefined;
    const rates: Array<{ rate: number; fraction?: number }> = openLoop.rates.map((rate) => ({ rate }));
    if (openLoop.fractionsOfBaseline.length) {
      burst = await runBaselinePhase(
        ctx,
        stack,
        workers,
        plans,
        phase(options.cases, 'ob'),
        'baseline, burst',
      );
      if (burst.throughput <= 0)
        throw new Error(`the baseline's burst completed nothing: ${burst.failures.join('; ')}`);
      for (const fraction of openLoop.fractionsOfBaseline) {
        rates.push({ rate: Math.round(burst.throughput * fraction * 100) / 100, fraction });
      }
    }
    const steps: OpenLoopStep[] = [];
    for (const [index, { rate, fraction }] of rates.entries()) {
      const stepOptions = {
        rate,
        durationS: openLoop.durationS,
        warmup: options.warmup,
        drainTimeoutMs: options.phaseTimeoutMs,
      };
      const at = `${rate} cases/s`;
      const service = await runServiceOpenLoop(
        ctx,
        stack,
        workers,
        { ...stepOptions, runId: `${run.runId}os${index}` },
        `ours at ${at}`,
      );
      const baseline = await runBaselineOpenLoop(
        ctx,
        stack,
        workers,
        plans,
        { ...stepOptions, runId: `${run.runId}ob${index}` },
        `baseline at ${at}`,
      );
      steps.push({ rate, fraction, service, baseline });
    }
    return { topology, profile, burst, steps };
  });
}

/** What the memory mode measured. */
export interface MemoryReport {
  topology: TemporalTopology;
  service: MemorySeries;
  bare: MemorySeries;
}

/** The cache size our worker gives itself with the run's worker tuning (what its start-up line says). */
export function serviceCacheSize(tuning: WorkerTuning): number {
  const env = Object.fromEntries(
    Object.entries(tuning).map(([field, value]) => [
      WORKER_TUNING_VARIABLES[field as keyof WorkerTuning],
      String(value),
    ]),
  );
  return workflowCacheSize(env).maxCachedWorkflows;
}

/** The memory mode: our waiting cases on one fresh stack, then the bare waiting workflow on another. */
export async function runMemoryMode(run: ModeContext): Promise<MemoryReport> {
  const { ctx, options, withStack } = run;
  const memory = options.memory!;
  const topology = options.temporal[0];
  const cacheSize = serviceCacheSize(options.config.workerTuning);
  const common = { ...memory, cacheSize };
  const service = await withStack('memory-ours', options.config, topology, (stack) =>
    runMemorySeries(ctx, stack, 'service', { ...common, runId: `${run.runId}ms` }, 'ours, waiting cases'),
  );
  const bare = await withStack('memory-bare', options.config, topology, (stack) =>
    runMemorySeries(ctx, stack, 'bare', { ...common, runId: `${run.runId}mb` }, 'bare waiting workflow'),
  );
  return { topology, service, bare };
}
