import { setHandler } from '@temporalio/workflow';
import { Actor, CaseCommand, decide } from '../libs/domain/src';
import {
  ResolveStepInput,
  resolveStepUpdate,
  RetryStepInput,
  retryStepUpdate,
} from './after-sales-case.definitions';
import { holdsLineAllowances, refundPaidOnLines } from './case-line-allowances';
import { CaseRun, rejection } from './case-run';

/** The domain command and caller of a step update. */
function commandOf(
  run: CaseRun,
  input: RetryStepInput | ResolveStepInput,
  toActor: (input: { role: string; id: string }) => Actor,
) {
  const actor = toActor(input.actor);
  const command: CaseCommand =
    'outcome' in input
      ? {
          type: 'OPS_RESOLVE_STEP',
          data: {
            stepKey: input.stepKey,
            outcome: input.outcome,
            ...(input.externalRef === undefined ? {} : { externalRef: input.externalRef }),
            note: input.note,
          },
        }
      : { type: 'OPS_RETRY_STEP', data: { stepKey: input.stepKey, reason: input.reason } };
  const validate = () => {
    const decision = decide(run.decidedState, command, { now: new Date(), actor });
    if (!decision.ok) throw rejection(decision);
  };
  return { actor, command, validate };
}

/**
 * Ops' hand on a step an outside system refused (`needsAttention`): `retryStep` lists it no more, so
 * the scheduler runs it again under the same idempotency key; `resolveStep` records it done outside
 * (a refund resolved DONE counts as paid on the order's lines too) or not needed. Both are validated
 * at once: a step not listed is refused (409).
 */
export function registerStepAttention(
  run: CaseRun,
  toActor: (input: { role: string; id: string }) => Actor,
): void {
  setHandler(
    retryStepUpdate,
    async (input) => {
      const { actor, command } = commandOf(run, input, toActor);
      await run.record(command, actor);
      return run.view();
    },
    { validator: (input) => commandOf(run, input, toActor).validate() },
  );
  setHandler(
    resolveStepUpdate,
    async (input) => {
      const { actor, command } = commandOf(run, input, toActor);
      const refund = input.outcome === 'DONE' ? refundOfStep(run, input.stepKey) : undefined;
      await run.record(command, actor);
      if (refund && holdsLineAllowances(run.state)) await refundPaidOnLines(run.state, refund);
      return run.view();
    },
    { validator: (input) => commandOf(run, input, toActor).validate() },
  );
}

/** The refund a listed CALL_REFUND step is about. */
function refundOfStep(run: CaseRun, stepKey: string) {
  const item = run.decidedState.needsAttention.find((candidate) => candidate.stepKey === stepKey);
  if (item?.step !== 'CALL_REFUND') return undefined;
  const refundId = stepKey.slice(item.step.length + 1);
  return run.decidedState.refunds.find((refund) => refund.refundId === refundId);
}
