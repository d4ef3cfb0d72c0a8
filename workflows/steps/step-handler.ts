import type { ActivityInterfaceFor } from '@temporalio/workflow';
import type { RefundActivities } from '../../activities/refund.activities';
import type { SystemStep, SystemStepRefs } from '../../libs/domain/src';
import type { CaseRun } from '../case-run';

/** What a system step works with: the case, the single path that records into it, and the refund calls. */
export interface StepContext {
  readonly caseId: string;
  readonly run: CaseRun;
  /** On the refund task queue the case was started with, so not a module-level proxy like the others. */
  readonly refunds: ActivityInterfaceFor<RefundActivities>;
}

/**
 * How a step ended. `STATE_DECIDES`: the case's state says whether the step is wanted again (its outcome
 * is recorded, or the domain refused it because the case moved on). `DONE`: finished for good though the
 * state does not show it (units handed to the supplier's workflow, a pickup collected already).
 */
export type StepEnd = 'STATE_DECIDES' | 'DONE';

/** The workflow's part of a system step: calls the outside world, then records the outcome through the domain. */
export type StepWork<Id extends SystemStep = SystemStep> = (
  context: StepContext,
  ref: SystemStepRefs[Id],
) => Promise<StepEnd>;

/**
 * One system step, by its stable id (the domain's `SystemStep`). `WORK` has effects (a booking, a refund
 * call): it runs to its end and records what happened even when the case moved on meanwhile. `WAIT` only
 * waits for an outside outcome: it is cancelled as soon as the case stops wanting it (a clock decided).
 * `OUTSIDE` is completed by the outside world (a signal, a payout): the workflow waits, doing nothing itself.
 */
export type StepHandler<Id extends SystemStep = SystemStep> =
  | { readonly id: Id; readonly kind: 'WORK' | 'WAIT'; readonly perform: StepWork<Id> }
  | { readonly id: Id; readonly kind: 'OUTSIDE' };

/** A step the workflow does work for (not one the outside world completes). */
export type StepWithWork<Id extends SystemStep = SystemStep> = Extract<
  StepHandler<Id>,
  { kind: 'WORK' | 'WAIT' }
>;

/** Every system step's handler, keyed by its id: a step the domain adds without a handler does not compile. */
export type StepHandlers = { readonly [Id in SystemStep]: StepHandler<Id> };
