import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowHandle,
} from '@temporalio/client';
import { CaseView, isTerminalStatus } from '../../../libs/domain/src';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  StartCaseInput,
} from '../../../workflows/after-sales-case.definitions';
import { CasePlan } from './case-plans';
import { sleep } from './child-process';
import { FaultStack } from './fault-stack';

/** One case driven through a fault, and how it went. */
export interface CaseRun {
  plan: CasePlan;
  caseId: string;
  handle: WorkflowHandle;
  /** When the workflow result arrived (ms since the epoch). */
  endedAt?: number;
  /** The workflow's result: the final case view. */
  result?: CaseView;
  /** Why the case has no result (the workflow failed, or did not end by the deadline). */
  failure?: string;
  /** Failed attempts of the outside world's actions (answers lost in the fault), by step. */
  retries: Record<string, number>;
}

/** Options of {@link runCases}. */
export interface RunCasesOptions {
  /** Pause between two case starts, so the cases are at different stages when the fault strikes. */
  staggerMs: number;
  /** Every case must have ended by then (ms since the epoch); the runner stops waiting after it. */
  deadline: number;
}

/** Each action attempt gets this long; a longer one (a fault ate its answer) is tried again. */
const ACTION_ATTEMPT_MS = 20_000;
const POLL_MS = 300;

/**
 * Starts one case per plan and drives each (the outside world's actions, retried through faults)
 * to the end of its workflow. Returns at once with the runs being filled in, and `finished`, which
 * settles when every case has ended or the deadline has passed.
 */
export function runCases(
  stack: FaultStack,
  plans: CasePlan[],
  options: RunCasesOptions,
): { runs: CaseRun[]; finished: Promise<CaseRun[]> } {
  const runs = plans.map((plan): CaseRun => {
    const caseId = `f-${randomUUID()}`;
    return { plan, caseId, handle: stack.client.workflow.getHandle(caseWorkflowId(caseId)), retries: {} };
  });
  const finished = Promise.all(
    runs.map(async (run, index) => {
      await sleep(index * options.staggerMs);
      try {
        await startCase(stack, run, options.deadline);
        await driveSteps(stack, run, options.deadline);
        await awaitEnd(stack, run, options.deadline);
      } catch (error) {
        run.failure ??= `driver error: ${(error as Error).stack ?? String(error)}`;
      }
      return run;
    }),
  );
  return { runs, finished };
}

async function startCase(stack: FaultStack, run: CaseRun, deadline: number): Promise<void> {
  const input: StartCaseInput = {
    caseId: run.caseId,
    request: run.plan.request,
    policy: run.plan.policy,
    actor: { role: 'customer', id: run.plan.request.customerId },
    refundTaskQueue: stack.refundTaskQueue,
    orderLines: run.plan.orderLines,
  };
  for (;;) {
    stack.assertRunning();
    try {
      await stack.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: run.handle.workflowId,
        taskQueue: stack.caseTaskQueue,
        args: [input],
      });
      return;
    } catch (error) {
      // An earlier attempt started it although its answer was lost.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      count(run, 'start');
      if (Date.now() > deadline) throw new Error(`could not start the case: ${(error as Error).message}`);
      await sleep(1_000);
    }
  }
}

async function driveSteps(stack: FaultStack, run: CaseRun, deadline: number): Promise<void> {
  for (const step of run.plan.steps) {
    for (;;) {
      stack.assertRunning();
      if (Date.now() > deadline) {
        throw new Error(`step "${step.name}" not done by the deadline`);
      }
      const row = await stack.readView(run.caseId);
      if (!row) {
        await sleep(POLL_MS);
        continue;
      }
      if (isTerminalStatus(row.view.status)) return;
      if (step.done(row.view)) break;
      if (!step.ready(row.view)) {
        await sleep(POLL_MS);
        continue;
      }
      try {
        await withTimeout(step.act(run.handle, run.caseId, row.view), ACTION_ATTEMPT_MS);
        break;
      } catch {
        // Lost in the fault (or refused): the update and action ids make a retry a no-op when the
        // first attempt went through.
        count(run, step.name);
        await sleep(500);
      }
    }
  }
}

async function awaitEnd(stack: FaultStack, run: CaseRun, deadline: number): Promise<void> {
  for (;;) {
    stack.assertRunning();
    try {
      const left = Math.max(deadline - Date.now(), 1_000);
      run.result = (await withTimeout(run.handle.result(), left)) as CaseView;
      run.endedAt = Date.now();
      return;
    } catch (error) {
      if (error instanceof WorkflowFailedError) {
        run.failure = `workflow failed: ${error.cause?.message ?? error.message}`;
        return;
      }
      count(run, 'await result');
      if (Date.now() > deadline) {
        run.failure = `not ended by the deadline (last error: ${(error as Error).message})`;
        return;
      }
      await sleep(1_000);
    }
  }
}

function count(run: CaseRun, what: string): void {
  run.retries[what] = (run.retries[what] ?? 0) + 1;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    // A call left hanging by a stopped stack must not keep the test process alive until it times out.
    timer.unref();
  });
  // The abandoned attempt may still settle later: nothing waits for it any more.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
