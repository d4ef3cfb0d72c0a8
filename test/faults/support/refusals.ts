import { SandboxService } from '../../../apps/sandbox/src/faults';
import { CaseView, isTerminalStatus, StepAttention } from '../../../libs/domain/src';
import { CasePlan } from './case-plans';
import { CaseRun } from './case-runner';
import { FaultStack } from './fault-stack';
import { OpsApi, StepResolution } from './ops-api';
import { Gate, waitsForOps } from './refusal-plans';
import { allStarted, FaultScenario, ScenarioDetails, waitFor } from './scenario';

/** What ops do about a step listed in `needsAttention`: retry it, resolve it, or leave it (to a clock). */
export type OpsDecision = { retry: string } | { resolve: StepResolution } | 'LEAVE';

/** A scenario in which one outside system refuses every call: half with a 4xx, half with a malformed 2xx. */
export interface RefusalScenarioOptions {
  name: string;
  service: SandboxService;
  rejectStatus: number;
  plans: CasePlan[];
  /** Opened once the fault is set: the steps it guards reach the refusing system only then. */
  gate?: Gate;
  /** Waits until the cases are where the fault should find them; default: every case has started. */
  ready?: (runs: CaseRun[]) => Promise<boolean>;
  /** What ops do about each listed step once the fault is cleared; default: retry it. */
  decide?: (run: CaseRun, item: StepAttention, index: number) => OpsDecision;
  /** Figures of the scenario's own, read once every case has ended. */
  after?: (runs: CaseRun[]) => Promise<ScenarioDetails>;
}

/** How long the cases get to be listed (or end) once the system refuses. */
const LISTING_TIMEOUT_MS = 90_000;

/** The same fault sequence on every run: rejections and malformed answers alternate by the seed. */
const REFUSAL_SEED = 11;

const viewOf = async (stack: FaultStack, run: CaseRun): Promise<CaseView | undefined> =>
  (await stack.readView(run.caseId))?.view;

/** Cases that wait for ops, that ended, and neither (as the read model shows them now). */
export async function attentionCensus(
  stack: FaultStack,
  runs: CaseRun[],
): Promise<{ listed: CaseRun[]; terminal: number; neither: string[] }> {
  const listed: CaseRun[] = [];
  const neither: string[] = [];
  let terminal = 0;
  for (const run of runs) {
    const view = await viewOf(stack, run);
    if (waitsForOps(view)) listed.push(run);
    else if (view && isTerminalStatus(view.status)) terminal += 1;
    else neither.push(`${run.plan.kind} ${view?.status ?? 'none'}`);
  }
  return { listed, terminal, neither };
}

/** Case workflows of the stack's task queue that FAILED (an outside refusal must never fail one). */
export async function failedWorkflows(stack: FaultStack): Promise<number> {
  let failed = 0;
  const query = `ExecutionStatus = 'Failed' AND TaskQueue = '${stack.caseTaskQueue}'`;
  for await (const execution of stack.client.workflow.list({ query })) {
    if (execution.workflowId) failed += 1;
  }
  return failed;
}

/** Stuck cases that `GET /v1/ops/stuck-cases` lists with STEP_REFUSED, among `runs`. */
async function stuckWithRefusedStep(ops: OpsApi, runs: CaseRun[]): Promise<number> {
  const { status, body } = await ops.call('GET', '/v1/ops/stuck-cases?limit=200');
  if (status !== 200) throw new Error(`stuck cases: ${status} ${JSON.stringify(body)}`);
  const items = body.items as Array<{ caseId: string; reasons: Array<{ kind: string }> }>;
  const ours = new Set(runs.map((run) => run.caseId));
  return items.filter(
    (item) => ours.has(item.caseId) && item.reasons.some((reason) => reason.kind === 'STEP_REFUSED'),
  ).length;
}

/** Acts as ops on every listed step of `listed` (read again from the read model), by `decide`. */
async function actAsOps(
  stack: FaultStack,
  ops: OpsApi,
  listed: CaseRun[],
  decide: NonNullable<RefusalScenarioOptions['decide']>,
): Promise<Record<string, number>> {
  const done = { retried: 0, resolvedDone: 0, resolvedSkipped: 0, leftToClocks: 0 };
  let index = 0;
  for (const run of listed) {
    for (const item of (await viewOf(stack, run))?.needsAttention ?? []) {
      const decision = decide(run, item, index++);
      if (decision === 'LEAVE') {
        done.leftToClocks += 1;
      } else if ('retry' in decision) {
        await ops.retryStep(run.caseId, item.stepKey, decision.retry);
        done.retried += 1;
      } else {
        await ops.resolveStep(run.caseId, item.stepKey, decision.resolve);
        done[decision.resolve.outcome === 'DONE' ? 'resolvedDone' : 'resolvedSkipped'] += 1;
      }
    }
  }
  return done;
}

/**
 * The scenario: once the cases are ready, the system refuses every call (seeded: a 4xx or a 2xx whose
 * body breaks the contract); every case must then wait for ops or end (a clock acts), the stuck-case list
 * shows them; the fault is cleared and ops act through the API (retry, resolve DONE/SKIPPED, or leave
 * the case to its clock). The figures: how long until every case was listed, what was injected, and
 * what ops did.
 */
export function refusalScenario(
  stack: FaultStack,
  ops: OpsApi,
  options: RefusalScenarioOptions,
): FaultScenario {
  let runs: CaseRun[] = [];
  const decide = options.decide ?? (() => ({ retry: `${options.service} takes calls again` }));
  return {
    name: options.name,
    plans: options.plans,
    ready: async (started) => {
      runs = started;
      const ready = options.ready ?? (() => allStarted(stack, started));
      if (!(await waitFor(() => ready(started), 90_000))) throw new Error('the cases did not get ready');
      return {};
    },
    strike: async () => {
      const { service, rejectStatus } = options;
      await stack.sandbox.control.setFault(service, {
        rejectRate: 0.5,
        rejectStatus,
        malformedRate: 1,
        seed: REFUSAL_SEED,
      });
      if (options.gate) options.gate.open = true;
      const from = Date.now();
      const allWaitOrEnded = await waitFor(
        async () => (await attentionCensus(stack, runs)).neither.length === 0,
        LISTING_TIMEOUT_MS,
      );
      const listedAfterS = Math.round((Date.now() - from) / 100) / 10;
      const census = await attentionCensus(stack, runs);
      const stuckListed = await stuckWithRefusedStep(ops, runs);
      const injected = (await stack.sandbox.control.faults())[service].stats;
      await stack.sandbox.control.clearFault(service);
      const acted = await actAsOps(stack, ops, census.listed, decide);
      return {
        allWaitOrEnded,
        listedAfterS,
        listed: census.listed.length,
        endedWhileRefused: census.terminal,
        neither: census.neither,
        stuckListed,
        refusalsInjected: injected.rejectionsInjected,
        malformedInjected: injected.malformedInjected,
        ...acted,
      };
    },
    after: async () => ({
      failedWorkflows: await failedWorkflows(stack),
      clockActedWhileListed: await clocksThatActedWhileListed(stack, runs),
      ...(await options.after?.(runs)),
    }),
  };
}

/** Cases whose log ends the case after a STEP_REFUSED that ops never retried or resolved: a clock acted. */
async function clocksThatActedWhileListed(stack: FaultStack, runs: CaseRun[]): Promise<number> {
  let count = 0;
  for (const run of runs) {
    const rows = await stack.query<{ type: string }>(
      'SELECT type FROM case_events WHERE stream_id = $1 ORDER BY seq',
      [run.caseId],
    );
    const types = rows.map((row) => row.type);
    const refused = types.lastIndexOf('STEP_REFUSED');
    if (refused < 0) continue;
    const after = types.slice(refused + 1);
    const handled = after.some((type) => type === 'STEP_RETRIED' || type === 'STEP_RESOLVED');
    if (!handled && after.some((type) => ['CASE_CLOSED', 'CASE_COMPLETED'].includes(type))) count += 1;
  }
  return count;
}

/** The figures every refusal scenario must show (its details as `runFaultScenario` returns them). */
export function expectRefusalsHandled(details: ScenarioDetails): void {
  expect(details).toMatchObject({ allWaitOrEnded: true, neither: [], failedWorkflows: 0 });
  expect(details.refusalsInjected).toBeGreaterThan(0);
  expect(details.malformedInjected).toBeGreaterThan(0);
  expect(details.stuckListed).toBe(details.listed);
}
