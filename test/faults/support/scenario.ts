import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CasePlan } from './case-plans';
import { CaseRun, runCases } from './case-runner';
import { sleep } from './child-process';
import { FaultStack } from './fault-stack';
import { checkInvariants, InvariantReport } from './invariants';

/** Each fault scenario gives its cases this long to end, counted from the first start. */
export const SCENARIO_DEADLINE_MS = 210_000;

/** jest's limit for one scenario: its deadline plus the checks and some slack. */
export const SCENARIO_TIMEOUT_MS = SCENARIO_DEADLINE_MS + 60_000;

/** Starting the stack (Temporal, a worker bundling the workflows) on a busy machine. */
export const STACK_START_TIMEOUT_MS = 180_000;

/** Polls `condition` every 200 ms until it holds (true) or `timeoutMs` is over (false). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return true;
    await sleep(200);
  }
  return false;
}

/** How many cases are at each status in the read model (`none` before their first event). */
async function stagesOf(stack: FaultStack, runs: CaseRun[]): Promise<Record<string, number>> {
  const stages: Record<string, number> = {};
  for (const run of runs) {
    const status = (await stack.readView(run.caseId))?.status ?? 'none';
    stages[status] = (stages[status] ?? 0) + 1;
  }
  return stages;
}

/** Whether every case has started (has its first event in the read model). */
export async function allStarted(stack: FaultStack, runs: CaseRun[]): Promise<boolean> {
  for (const run of runs) if (!(await stack.readView(run.caseId))) return false;
  return true;
}

/**
 * The moment to strike: once every case has started (so they are spread over their stages), and
 * preferably while a refund call is under way (waited for up to 5 s). Returns whether one was.
 */
async function strikeMoment(stack: FaultStack, runs: CaseRun[]): Promise<{ refundInFlight: boolean }> {
  if (!(await waitFor(() => allStarted(stack, runs), 60_000))) throw new Error('the cases did not start');
  return { refundInFlight: await waitFor(async () => (await refundCallsInFlight(stack)) > 0, 5_000) };
}

/** Refund calls the refund system has received and not yet answered (paid, absorbed or failed). */
export async function refundCallsInFlight(stack: FaultStack): Promise<number> {
  const { counters } = await stack.sandbox.control.ledger();
  const { refund } = await stack.sandbox.control.faults();
  return (
    counters.callsReceived -
    counters.refundsCreated -
    counters.duplicatesAbsorbed -
    counters.conflictsRejected -
    refund.stats.failuresInjected
  );
}

/** Figures of one scenario, printed and appended to `.data/fault-logs/summary.log`. */
export interface ScenarioSummary {
  scenario: string;
  cases: number;
  outcomes: Record<string, number>;
  /** Seconds from the first case start to the fault. */
  faultAtS: number;
  /** How long the fault lasted (s). */
  faultLastedS: number;
  /** Seconds from the end of the fault to the last case's end. */
  recoveredAfterS: number;
  /** Seconds from the first start to the last case's end. */
  totalS: number;
  /** The kind of the case that ended last. */
  lastToEnd: string;
  stagesAtFault: Record<string, number>;
  /** Actions of the outside world tried again because the fault lost their answer. */
  actionRetries: number;
  /** Activity attempts that failed and were retried by Temporal, by activity type (from the worker logs). */
  activityFailures: Record<string, number>;
  invariants: Omit<InvariantReport, 'problems'> & { problems: number };
  details?: Record<string, unknown>;
}

/** What a scenario measured, for {@link summarize}. */
export interface ScenarioFigures {
  scenario: string;
  runs: CaseRun[];
  /** When the first case started, the fault struck and the fault ended (ms since the epoch). */
  startedAt: number;
  faultAt: number;
  faultEndedAt: number;
  stagesAtFault: Record<string, number>;
  report: InvariantReport;
  details?: Record<string, unknown>;
}

/** Figures a scenario's steps measured, shown in its summary. */
export type ScenarioDetails = Record<string, unknown>;

/** One fault scenario: its cases, when to strike, the fault, and what to read once the cases ended. */
export interface FaultScenario {
  name: string;
  plans: CasePlan[];
  /** Waits for the moment to strike; default {@link strikeMoment}. */
  ready?: (runs: CaseRun[]) => Promise<ScenarioDetails>;
  /** Causes the fault and returns once it has ended. */
  strike: () => Promise<ScenarioDetails>;
  /** Read after every case has ended. */
  after?: () => Promise<ScenarioDetails>;
}

/**
 * Runs a scenario's cases (started 500 ms apart), strikes when it is ready, waits for every case to
 * end, then checks the invariants and prints the summary. Returns the invariant report and the
 * details the steps measured, for the scenario's own expectations.
 */
export async function runFaultScenario(
  stack: FaultStack,
  scenario: FaultScenario,
): Promise<{ report: InvariantReport; details: ScenarioDetails }> {
  const startedAt = Date.now();
  const { runs, finished } = runCases(stack, scenario.plans, {
    staggerMs: 500,
    deadline: startedAt + SCENARIO_DEADLINE_MS,
  });
  const readiness = await (scenario.ready ?? ((started) => strikeMoment(stack, started)))(runs);
  const stagesAtFault = await stagesOf(stack, runs);
  const faultAt = Date.now();
  const struck = await scenario.strike();
  const faultEndedAt = Date.now();
  await finished;
  const details = { ...readiness, ...struck, ...(await scenario.after?.()) };
  const report = await checkInvariants(stack, runs);
  summarize(stack, {
    scenario: scenario.name,
    runs,
    startedAt,
    faultAt,
    faultEndedAt,
    stagesAtFault,
    report,
    details,
  });
  return { report, details };
}

/** Builds and prints the summary of a scenario (also appended to `.data/fault-logs/summary.log`). */
function summarize(stack: FaultStack, figures: ScenarioFigures): ScenarioSummary {
  const { scenario, runs, report, details, stagesAtFault } = figures;
  const times = figures;
  const endOf = (run: CaseRun) => run.endedAt ?? Date.now();
  const lastRun = runs.reduce((last, run) => (endOf(run) > endOf(last) ? run : last));
  const lastEnd = endOf(lastRun);
  const outcomes: Record<string, number> = {};
  for (const run of runs) {
    const outcome = run.result ? run.result.status : 'NOT_ENDED';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const { problems, ...counts } = report;
  const summary: ScenarioSummary = {
    scenario,
    cases: runs.length,
    outcomes,
    faultAtS: seconds(times.faultAt - times.startedAt),
    faultLastedS: seconds(times.faultEndedAt - times.faultAt),
    recoveredAfterS: seconds(lastEnd - times.faultEndedAt),
    totalS: seconds(lastEnd - times.startedAt),
    lastToEnd: lastRun.plan.kind,
    stagesAtFault,
    actionRetries: runs.reduce(
      (sum, run) => sum + Object.values(run.retries).reduce((total, n) => total + n, 0),
      0,
    ),
    activityFailures: stack.activityFailures(),
    invariants: { ...counts, problems: problems.length },
    ...(details ? { details } : {}),
  };
  const line = `[fault-summary] ${JSON.stringify(summary)}\n`;
  process.stderr.write(line);
  const dir = resolve(__dirname, '..', '..', '..', '.data', 'fault-logs');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'summary.log'), `${new Date().toISOString()} ${line}`);
  return summary;
}
