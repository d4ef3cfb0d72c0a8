import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import {
  NextStep,
  nextSteps,
  pendingClocks,
  SYSTEM_ACTOR,
  SystemNextStep,
  SystemStep,
  systemStepKey,
  SystemStepRefs,
} from '../libs/domain/src';
import { CASE_PATCHES } from './case-patches';
import { CaseRun } from './case-run';
import { CustomerNotices } from './customer-notices';
import { asTaskFailure, isRefusal, outsideRefusal } from './step-failures';
import { StepContext, StepEnd, StepHandler } from './steps/step-handler';
import { SYSTEM_STEPS } from './steps/system-steps';

/** A step the case wants the workflow to work on (with what it is about), and how its handler works. */
interface WantedStep {
  readonly step: SystemNextStep;
  readonly kind: 'WORK' | 'WAIT';
}

/**
 * Moves a case on until nothing is left to do: runs the system steps the domain's `nextSteps` asks
 * for, cuts short the waits the case no longer wants, lets the earliest clock fire as a durable timer,
 * and tells the customer each status reached. Actions from outside arrive meanwhile through the handlers.
 */
export class CaseScheduler {
  /** Work the system started and has not finished, by step key. */
  private readonly inFlight = new Map<string, { kind: WantedStep['kind']; scope: CancellationScope }>();
  /** One-shot steps already done that the state does not show (supplier hand-over, a refused cancel). */
  private readonly done = new Set<string>();
  /** How many started steps have ended: the loop looks again whenever one does. */
  private settledTasks = 0;
  /** A failure of the workflow's own code (not a refusal): it fails the workflow task, so ops see it. */
  private taskFailure: unknown;

  constructor(
    private readonly run: CaseRun,
    private readonly notices: CustomerNotices,
    private readonly context: StepContext,
  ) {}

  /** Keeps a failure of the system's own work for the loop to throw; a refusal (the case moved on) is dropped. */
  readonly failOnError = (error: unknown): void => {
    if (!isRefusal(error)) this.taskFailure = error;
  };

  /** Runs the case until no step, clock or outside party can move it on any more. */
  async runToEnd(): Promise<void> {
    const run = this.run;
    for (;;) {
      if (this.taskFailure) throw this.failureToThrow(this.taskFailure);
      this.notices.tell(run.state);
      const steps = nextSteps(run.state);
      const wanted = this.wantedSteps(steps);
      this.cancelUnwantedWaits(wanted);
      this.startSteps(wanted);
      if (this.inFlight.size === 0 && wanted.size === 0 && !this.waitsForOthers(steps)) break;

      const version = run.state.version;
      const tasks = this.settledTasks;
      const moved = () =>
        run.state.version !== version || this.settledTasks !== tasks || this.taskFailure !== undefined;
      const clock = pendingClocks(run.state)[0];
      if (!clock) {
        await condition(moved);
        continue;
      }
      if (await condition(moved, Math.max(Date.parse(clock.dueAt) - Date.now(), 1))) continue;
      await run
        .record({ type: 'CLOCK_EXPIRED', data: { clock: clock.clock } }, SYSTEM_ACTOR)
        .catch(this.failOnError);
    }
  }

  /** The system steps the case wants done now, by step key: not those the outside world completes, nor those done. */
  private wantedSteps(steps: readonly NextStep[]): Map<string, WantedStep> {
    const wanted = new Map<string, WantedStep>();
    for (const step of steps) {
      if (step.kind !== 'SYSTEM') continue;
      const { kind } = SYSTEM_STEPS[step.step];
      if (kind === 'OUTSIDE') continue;
      const key = systemStepKey(step);
      if (!this.done.has(key) && !this.waitsForOps(key)) wanted.set(key, { step, kind });
    }
    return wanted;
  }

  /**
   * Work with effects (a booking, a refund call) runs to its end and records what happened even when
   * the case moved on meanwhile; only a wait is cut short.
   */
  private cancelUnwantedWaits(wanted: ReadonlyMap<string, WantedStep>): void {
    for (const [key, task] of this.inFlight) {
      if (!wanted.has(key) && task.kind === 'WAIT') task.scope.cancel();
    }
  }

  /** Starts each wanted step not already under way, in its own cancellation scope. */
  private startSteps(wanted: ReadonlyMap<string, WantedStep>): void {
    for (const [key, { step, kind }] of wanted) {
      if (this.inFlight.has(key)) continue;
      const scope = new CancellationScope();
      this.inFlight.set(key, { kind, scope });
      scope
        .run(() => performStep(step, this.context))
        .then((end: StepEnd) => {
          if (end === 'DONE') this.done.add(key);
        })
        .catch((error: unknown) => this.stepFailed(step, key, error))
        .finally(() => {
          this.inFlight.delete(key);
          this.settledTasks++;
        });
    }
  }

  /**
   * A step that ended in a failure: a cancelled wait or a domain refusal (the case moved on) is
   * dropped; an outside system's refusal is recorded for ops (the step waits in `needsAttention`,
   * and the loop looks again only once that is in the log); anything else is the workflow's own bug.
   */
  private async stepFailed(step: SystemNextStep, stepKey: string, error: unknown): Promise<void> {
    if (isCancellation(error)) return;
    if (!patched(CASE_PATCHES.stepAttention)) {
      this.taskFailure = error;
      return;
    }
    if (isRefusal(error)) return;
    const refusal = outsideRefusal(error);
    if (!refusal) {
      this.taskFailure = error;
      return;
    }
    await this.run
      .record({ type: 'STEP_REFUSED', data: { stepKey, step: step.step, error: refusal } }, SYSTEM_ACTOR)
      .catch(this.failOnError);
  }

  /** The failure the loop throws: a plain Error (a task failure), or as recorded before step attention. */
  private failureToThrow(failure: unknown): unknown {
    return patched(CASE_PATCHES.stepAttention) ? asTaskFailure(failure) : failure;
  }

  /** Whether a step waits for ops: refused and listed, or resolved by hand (not to run again). */
  private waitsForOps(stepKey: string): boolean {
    return this.isListed(stepKey) || (this.run.state.waivedSteps ?? []).includes(stepKey);
  }

  /** Whether the case lists the step as refused, waiting for ops to retry or resolve it. */
  private isListed(stepKey: string): boolean {
    return (this.run.state.needsAttention ?? []).some((item) => item.stepKey === stepKey);
  }

  /**
   * Whether the case waits for someone else: an action or a clock, a step the outside world completes,
   * a refused step the case still wants (ops are to retry or resolve it), or units handed to the
   * supplier's batching workflow (the case hears from it when the batch ships).
   */
  private waitsForOthers(steps: readonly NextStep[]): boolean {
    return steps.some(
      (step) =>
        step.kind !== 'SYSTEM' ||
        SYSTEM_STEPS[step.step].kind === 'OUTSIDE' ||
        (step.step === 'SEND_SUPPLIER_RETURN' && this.done.has(systemStepKey(step))) ||
        this.isListed(systemStepKey(step)),
    );
  }
}

/** Runs a step's work with its typed reference, by the handler of that very step. */
function performStep<S extends SystemStep>(
  step: { readonly step: S; readonly ref: SystemStepRefs[S] },
  context: StepContext,
): Promise<StepEnd> {
  const handler: StepHandler<S> = SYSTEM_STEPS[step.step];
  return handler.kind === 'OUTSIDE' ? Promise.resolve('STATE_DECIDES') : handler.perform(context, step.ref);
}
