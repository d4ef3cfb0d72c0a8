import { Client, WorkflowHandle } from '@temporalio/client';
import { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';
import { caseWorkflowId } from '../../workflows/after-sales-case.definitions';
import { ApiClient } from './api-client';
import {
  BASELINE_TASK_QUEUE,
  BASELINE_WORKFLOW_TYPE,
  BaselinePlan,
  baselineNudgeSignal,
  baselineStepUpdate,
} from './baseline/baseline.definitions';
import { BenchStack, StackContext, startWorkers } from './bench-stack';
import { CASE_PATHS, CaseOutcome, CasePath, driveCase } from './case-paths';
import { HistoryProfile, profileHistories } from './history-profile';
import { countLogAppends, LogAppends } from './log-appends';
import { cpuBetween, CpuGroups, cpuSnapshot } from './proc-stats';
import { mapConcurrent, Timings } from './stats';

/** How one phase runs. */
export interface PhaseOptions {
  cases: number;
  /** Cases in flight at once. */
  concurrency: number;
  /** Unmeasured cases first (JIT, connections, caches). */
  warmup: number;
  /** No case goes on after this many ms from the phase's start. */
  timeoutMs: number;
  /** Distinguishes this phase's ids from every other phase's. */
  runId: string;
}

/** What a phase measured. */
export interface PhaseResult {
  label: string;
  kind: 'service' | 'baseline';
  workers: number;
  cases: number;
  completed: number;
  failed: number;
  /** A few failure messages, for the report. */
  failures: string[];
  /** From the first request to the last case seen complete, seconds. */
  seconds: number;
  throughput: number;
  timings: Timings;
  workerPeakRss: Array<number | undefined>;
  workerStartMs: number[];
  /** CPU seconds by process group during the measured cases, and of the whole machine. */
  cpu: { groups: Record<string, number>; machineBusy?: number; wallSeconds: number };
  /** Temporal's cost per case, by path, counted from sample histories. */
  profiles: Partial<Record<CasePath, HistoryProfile>>;
  /** Ours: the completed cases' appends as the event log counts them. */
  logAppends?: LogAppends;
}

const PROFILE_SAMPLES_PER_PATH = 3;

/** Drives `options.cases` cases of the mix through the API with `workers` worker processes. */
export async function runServicePhase(
  ctx: StackContext,
  stack: BenchStack,
  workers: number,
  options: PhaseOptions,
  label: string,
): Promise<PhaseResult> {
  ctx.log(`${label}: starting ${workers} worker process(es)`);
  const running = await startWorkers(ctx, stack, 'service', workers, label.replace(/\W+/g, '-'));
  try {
    const deadline = Date.now() + options.timeoutMs;
    const orders = new SandboxControlClient(stack.sandboxUrl);
    const warmupTimings = new Timings();
    const warm = new ApiClient(stack.apiUrl, stack.secret, warmupTimings);
    await mapConcurrent(range(options.warmup), options.warmup, (i) =>
      driveCase({ api: warm, runId: `${options.runId}w`, merchantId: 'm-bench', orders, deadline }, i),
    );
    ctx.log(`${label}: ${options.cases} cases, ${options.concurrency} at a time`);
    const timings = new Timings();
    const api = new ApiClient(stack.apiUrl, stack.secret, timings);
    const groups = cpuGroups(stack, running.children);
    const before = cpuSnapshot(groups);
    const benchBefore = process.cpuUsage();
    const started = Date.now();
    const progress = reportProgress(ctx, label, options.cases);
    const outcomes = await mapConcurrent(range(options.cases), options.concurrency, async (i) => {
      const outcome = await driveCase(
        { api, runId: options.runId, merchantId: 'm-bench', orders, deadline },
        i,
      );
      progress(outcome);
      return outcome;
    });
    const cpu = cpuBetween(before, cpuSnapshot(groups));
    cpu.groups['bench driver'] = cpuSecondsSince(benchBefore);
    const profiles = await profilePaths(stack.client, outcomes, (outcome) =>
      outcome.caseId ? caseWorkflowId(outcome.caseId) : undefined,
    );
    const peaks = await running.stop();
    const done = result(label, 'service', workers, outcomes, started, timings, peaks, running, cpu, profiles);
    done.logAppends = await countLogAppends(stack.databaseUrl, completedCaseIds(outcomes));
    return done;
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** Runs the bare baseline workflow for the same mix, each path with its measured plan. */
export async function runBaselinePhase(
  ctx: StackContext,
  stack: BenchStack,
  workers: number,
  plans: Record<CasePath, BaselinePlan>,
  options: PhaseOptions,
  label: string,
): Promise<PhaseResult> {
  ctx.log(`${label}: starting ${workers} baseline worker process(es)`);
  const running = await startWorkers(ctx, stack, 'baseline', workers, label.replace(/\W+/g, '-'));
  try {
    const deadline = Date.now() + options.timeoutMs;
    const drive = (timings: Timings, runId: string) => (i: number) =>
      driveBaselineCase(stack.client, plans, runId, i, timings, deadline);
    await mapConcurrent(range(options.warmup), options.warmup, drive(new Timings(), `${options.runId}w`));
    ctx.log(`${label}: ${options.cases} cases, ${options.concurrency} at a time`);
    const timings = new Timings();
    // The API, the sandbox and PostgreSQL idle here; they are counted so that "others" is others only.
    const groups = cpuGroups(stack, running.children);
    const before = cpuSnapshot(groups);
    const benchBefore = process.cpuUsage();
    const started = Date.now();
    const progress = reportProgress(ctx, label, options.cases);
    const outcomes = await mapConcurrent(range(options.cases), options.concurrency, async (i) => {
      const outcome = await drive(timings, options.runId)(i);
      progress(outcome);
      return outcome;
    });
    const cpu = cpuBetween(before, cpuSnapshot(groups));
    cpu.groups['bench driver'] = cpuSecondsSince(benchBefore);
    const profiles = await profilePaths(stack.client, outcomes, (outcome) => outcome.caseId);
    const peaks = await running.stop();
    return result(label, 'baseline', workers, outcomes, started, timings, peaks, running, cpu, profiles);
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** Latency series of the baseline driver. */
export const BASELINE_START = 'baseline: start workflow';
export const BASELINE_UPDATE = 'baseline: update (with its activity)';
export const BASELINE_CASE = 'baseline: start → result';
/** From the start call until the first update answered: what `POST /v1/cases` does for ours. */
export const BASELINE_START_TO_FIRST_UPDATE = 'baseline: start → first update answered';

/** Drives one baseline case: start, its updates one after the other, its signals, its result. */
export async function driveBaselineCase(
  client: Client,
  plans: Record<CasePath, BaselinePlan>,
  runId: string,
  index: number,
  timings: Timings,
  deadline: number,
): Promise<CaseOutcome> {
  const path = CASE_PATHS[index % CASE_PATHS.length];
  const plan = plans[path];
  const workflowId = `baseline-${runId}-${index}`;
  const outcome: CaseOutcome = { index, path, caseId: workflowId };
  const started = performance.now();
  try {
    const handle: WorkflowHandle = await timings.time(BASELINE_START, () =>
      client.workflow.start(BASELINE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: BASELINE_TASK_QUEUE,
        args: [plan],
      }),
    );
    for (let update = 1; update <= plan.updates; update++) {
      await timings.time(BASELINE_UPDATE, () => handle.executeUpdate(baselineStepUpdate, { args: [update] }));
      if (update === 1) timings.add(BASELINE_START_TO_FIRST_UPDATE, performance.now() - started);
    }
    for (let signal = 1; signal <= plan.signals; signal++) await handle.signal(baselineNudgeSignal, signal);
    await withDeadline(handle.result(), deadline, `baseline case ${workflowId}`);
    outcome.completedAt = Date.now();
    timings.add(BASELINE_CASE, performance.now() - started);
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  }
  return outcome;
}

async function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not done by the deadline`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function profilePaths(
  client: Client,
  outcomes: readonly CaseOutcome[],
  workflowIdOf: (outcome: CaseOutcome) => string | undefined,
): Promise<Partial<Record<CasePath, HistoryProfile>>> {
  const profiles: Partial<Record<CasePath, HistoryProfile>> = {};
  for (const path of CASE_PATHS) {
    const ids = outcomes
      .filter((outcome) => outcome.path === path && outcome.completedAt !== undefined)
      .map(workflowIdOf)
      .filter((id): id is string => id !== undefined)
      .slice(0, PROFILE_SAMPLES_PER_PATH);
    if (ids.length > 0) profiles[path] = await profileHistories(client, ids);
  }
  return profiles;
}

function result(
  label: string,
  kind: PhaseResult['kind'],
  workers: number,
  outcomes: readonly CaseOutcome[],
  started: number,
  timings: Timings,
  workerPeakRss: Array<number | undefined>,
  running: { children: Array<{ readyMs: number }> },
  cpu: PhaseResult['cpu'],
  profiles: PhaseResult['profiles'],
): PhaseResult {
  const done = outcomes.filter((outcome) => outcome.completedAt !== undefined);
  const last = Math.max(started, ...done.map((outcome) => outcome.completedAt as number));
  const seconds = (last - started) / 1000;
  const failures = outcomes
    .filter((outcome) => outcome.error)
    .map((o) => `#${o.index} ${o.path}: ${o.error}`);
  return {
    label,
    kind,
    workers,
    cases: outcomes.length,
    completed: done.length,
    failed: outcomes.length - done.length,
    failures: failures.slice(0, 5),
    seconds,
    throughput: seconds > 0 ? done.length / seconds : 0,
    timings,
    workerPeakRss,
    workerStartMs: running.children.map((child) => child.readyMs),
    cpu,
    profiles,
  };
}

/** The case ids of the completed cases. */
export function completedCaseIds(outcomes: readonly CaseOutcome[]): string[] {
  return outcomes
    .filter((outcome) => outcome.completedAt !== undefined && outcome.caseId)
    .map((outcome) => outcome.caseId as string);
}

function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** Logs every tenth of the cases as they finish, and every failure. */
function reportProgress(ctx: StackContext, label: string, total: number): (outcome: CaseOutcome) => void {
  let finished = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  return (outcome) => {
    finished++;
    if (outcome.error) ctx.log(`${label}: case #${outcome.index} (${outcome.path}) failed: ${outcome.error}`);
    if (finished % step === 0 || finished === total) ctx.log(`${label}: ${finished}/${total} cases done`);
  };
}

/** The process groups whose CPU a phase reads. */
export function cpuGroups(stack: BenchStack, workers: ReadonlyArray<{ pid: number }>): CpuGroups {
  return {
    worker: { pids: workers.map((child) => child.pid) },
    api: { pids: [stack.api.pid] },
    sandbox: { pids: [stack.sandbox.pid] },
    temporal: stack.temporalProcesses,
    postgres: { descendantsNamed: 'postgres' },
  };
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
