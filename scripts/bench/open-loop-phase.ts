import { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';
import { ApiClient } from './api-client';
import { BaselinePlan } from './baseline/baseline.definitions';
import { BenchStack, RunningWorkers, StackContext, startWorkers } from './bench-stack';
import { CaseOutcome, CasePath, driveCase } from './case-paths';
import { cpuGroups, driveBaselineCase, range } from './phases';
import { cpuBetween, cpuSnapshot } from './proc-stats';
import { mapConcurrent, Timings } from './stats';

/** How one open-loop phase runs. */
export interface OpenLoopPhaseOptions {
  /** Arrivals per second. */
  rate: number;
  durationS: number;
  warmup: number;
  /** After the last arrival, cases in flight may take this long to finish. */
  drainTimeoutMs: number;
  runId: string;
}

/** What an open-loop phase measured. */
export interface OpenLoopResult {
  label: string;
  kind: 'service' | 'baseline';
  rate: number;
  durationS: number;
  offered: number;
  completed: number;
  failures: string[];
  /** Arrivals that went out more than a second after their time (the driver fell behind). */
  lateArrivals: number;
  /** From the first arrival to the last case complete, and completed ÷ that. */
  seconds: number;
  throughput: number;
  timings: Timings;
  workerPeakRss: Array<number | undefined>;
  cpu: ReturnType<typeof cpuBetween>;
}

/**
 * Starts `start(i)` for i = 0, 1, … at `rate` per second for `durationS` seconds, each at its own time
 * on a fixed schedule (arrival i at i ÷ rate s), never waiting for an earlier case; answers every outcome.
 */
export async function steadyArrivals(
  rate: number,
  durationS: number,
  start: (index: number) => Promise<CaseOutcome>,
): Promise<{ outcomes: CaseOutcome[]; late: number }> {
  const total = Math.max(1, Math.round(rate * durationS));
  const begin = performance.now();
  const running: Array<Promise<CaseOutcome>> = [];
  let late = 0;
  for (let index = 0; index < total; index++) {
    const due = begin + (index * 1000) / rate;
    if (performance.now() - due > 1000) late++;
    // A timer may fire up to a millisecond early (whole ms, from the event loop's cached clock): wait again.
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
    running.push(start(index));
  }
  return { outcomes: await Promise.all(running), late };
}

/** Our cases at a steady rate through the HTTP API, with `workers` worker processes. */
export function runServiceOpenLoop(
  ctx: StackContext,
  stack: BenchStack,
  workers: number,
  options: OpenLoopPhaseOptions,
  label: string,
): Promise<OpenLoopResult> {
  const orders = new SandboxControlClient(stack.sandboxUrl);
  return openLoop(ctx, stack, 'service', workers, options, label, (timings, runId, deadline) => {
    const api = new ApiClient(stack.apiUrl, stack.secret, timings);
    return (index) => driveCase({ api, runId, merchantId: 'm-bench', orders, deadline }, index);
  });
}

/** The baseline's workflows at the same steady rate, driven by the Temporal client. */
export function runBaselineOpenLoop(
  ctx: StackContext,
  stack: BenchStack,
  workers: number,
  plans: Record<CasePath, BaselinePlan>,
  options: OpenLoopPhaseOptions,
  label: string,
): Promise<OpenLoopResult> {
  return openLoop(
    ctx,
    stack,
    'baseline',
    workers,
    options,
    label,
    (timings, runId, deadline) => (index) =>
      driveBaselineCase(stack.client, plans, runId, index, timings, deadline),
  );
}

type Driver = (timings: Timings, runId: string, deadline: number) => (index: number) => Promise<CaseOutcome>;

async function openLoop(
  ctx: StackContext,
  stack: BenchStack,
  kind: OpenLoopResult['kind'],
  workers: number,
  options: OpenLoopPhaseOptions,
  label: string,
  driver: Driver,
): Promise<OpenLoopResult> {
  ctx.log(`${label}: starting ${workers} worker process(es)`);
  const running: RunningWorkers = await startWorkers(ctx, stack, kind, workers, label.replace(/\W+/g, '-'));
  try {
    const deadline = Date.now() + options.durationS * 1000 + options.drainTimeoutMs;
    const warm = driver(new Timings(), `${options.runId}w`, deadline);
    await mapConcurrent(range(options.warmup), options.warmup, (index) => warm(index));
    ctx.log(`${label}: ${options.rate} cases/s for ${options.durationS} s`);
    const timings = new Timings();
    const drive = driver(timings, options.runId, deadline);
    const groups = cpuGroups(stack, running.children);
    const before = cpuSnapshot(groups);
    const started = Date.now();
    const { outcomes, late } = await steadyArrivals(options.rate, options.durationS, drive);
    const cpu = cpuBetween(before, cpuSnapshot(groups));
    const done = outcomes.filter((outcome) => outcome.completedAt !== undefined);
    const last = Math.max(started, ...done.map((outcome) => outcome.completedAt as number));
    const seconds = (last - started) / 1000;
    ctx.log(`${label}: ${done.length}/${outcomes.length} completed, ${late} arrivals late`);
    return {
      label,
      kind,
      rate: options.rate,
      durationS: options.durationS,
      offered: outcomes.length,
      completed: done.length,
      failures: outcomes
        .filter((outcome) => outcome.error)
        .slice(0, 5)
        .map((outcome) => `#${outcome.index} ${outcome.path}: ${outcome.error}`),
      lateArrivals: late,
      seconds,
      throughput: seconds > 0 ? done.length / seconds : 0,
      timings,
      workerPeakRss: await running.stop(),
      cpu,
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}
