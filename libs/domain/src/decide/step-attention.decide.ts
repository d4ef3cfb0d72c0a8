import { CaseEvent } from '../case.events';
import { StepRefusedData } from '../step-attention.events';
import type { SystemStep } from '../case.next-steps';
import { CaseState, StepAttention } from '../case.state';
import { assertNever } from '../case.types';
import { applyDecision, DecideContext, Decision, duplicate, fail, notAllowed } from './decision';
import { Emitter } from './emitter';
import { decideInsuranceClaimFiled } from './insurance.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';
import {
  decideRefundFailed,
  decideRefundRetry,
  decideRefundSucceeded,
  RefundRetryCommand,
} from './refund.decide';
import { decideRepairCompleted, decideRepairStarted } from './repair.decide';
import { decideReplacementReserved, decideReplacementShipped } from './replacement.decide';

/** An outside system refused a system step for good (what the workflow reports). */
export type StepRefusedCommand = StepRefusedData;

/** Ops ask for a listed step to run again. */
export interface StepRetryCommand {
  stepKey: string;
  reason: string;
}

/** Ops resolve a listed step by hand: done outside (with its outside reference) or not needed. */
export interface StepResolveCommand {
  stepKey: string;
  outcome: 'DONE' | 'SKIPPED';
  externalRef?: string;
  note: string;
}

/** Who the outside party is when ops record a step's effect done outside. */
const OUTSIDE_CARRIER = 'OUTSIDE';

const listed = (state: CaseState, stepKey: string): StepAttention | undefined =>
  (state.needsAttention ?? []).find((item) => item.stepKey === stepKey);

/** What the step is about: the part of its key after `<STEP>:` (a refund, booking or repair id). */
const aboutOf = (item: StepAttention): string => item.stepKey.slice(item.step.length + 1);

/** The decision's events after `first`, or the refusal; a duplicate adds nothing. */
function followedBy(first: Emitter, next: (state: CaseState) => Decision): Decision {
  const decision = next(first.state);
  return decision.ok
    ? { ok: true, events: [...first.events, ...decision.events], duplicate: false }
    : decision;
}

/**
 * An outside system refused a step for good: the case lists it for ops, its status unchanged and its
 * clocks running. A refused refund is marked failed first (REFUND_FAILED, as before). Idempotent per step key.
 */
export function decideStepRefused(
  state: CaseState,
  command: StepRefusedCommand,
  ctx: DecideContext,
): Decision {
  if (state.status === null) return notAllowed(state, 'a refused step');
  if (listed(state, command.stepKey)) return duplicate();
  let current = state;
  const events: CaseEvent[] = [];
  if (command.step === 'CALL_REFUND') {
    const refundId = command.stepKey.slice(command.step.length + 1);
    const failed = decideRefundFailed(
      state,
      { refundId, errorCode: command.error.code, message: command.error.message },
      ctx,
    );
    if (!failed.ok) return failed;
    events.push(...failed.events);
    current = applyDecision(state, failed);
  }
  const out = new Emitter(current, ctx);
  out.emit('STEP_REFUSED', { stepKey: command.stepKey, step: command.step, error: { ...command.error } });
  return { ok: true, events: [...events, ...out.events], duplicate: false };
}

/** Ops run a listed step again (a refused refund is requested again under its idempotency key); not listed → 409. */
export function decideStepRetry(state: CaseState, command: StepRetryCommand, ctx: DecideContext): Decision {
  const item = listed(state, command.stepKey);
  if (!item) return notAllowed(state, `retrying step ${command.stepKey}, which is not waiting for ops,`);
  const out = new Emitter(state, ctx);
  out.emit('STEP_RETRIED', { stepKey: command.stepKey, reason: command.reason });
  if (item.step !== 'CALL_REFUND') return out.done();
  return followedBy(out, (retried) =>
    decideRefundRetry(retried, { refundId: aboutOf(item), reason: command.reason }, ctx),
  );
}

/**
 * The legacy refund retry (`POST /v1/ops/cases/{id}/refunds/{refundId}/retry`): a refund listed as a
 * refused step leaves the list as it is requested again.
 */
export function decideListedRefundRetry(
  state: CaseState,
  command: RefundRetryCommand,
  ctx: DecideContext,
): Decision {
  const stepKey = `CALL_REFUND:${command.refundId}`;
  return listed(state, stepKey)
    ? decideStepRetry(state, { stepKey, reason: command.reason }, ctx)
    : decideRefundRetry(state, command, ctx);
}

/** What recording a listed step done outside decides, by step; a step without one is only waived. */
function doneOutside(
  item: StepAttention,
  externalRef: string,
  note: string,
): ((state: CaseState, ctx: DecideContext) => Decision) | null {
  const about = aboutOf(item);
  const step: SystemStep = item.step;
  switch (step) {
    case 'CALL_REFUND':
      return (state, ctx) => decideRefundSucceeded(state, { refundId: about, externalRef }, ctx);
    case 'BOOK_PICKUP':
      return (state, ctx) =>
        decidePickupBooked(
          state,
          { bookingId: externalRef, carrier: OUTSIDE_CARRIER, trackingNumber: externalRef },
          ctx,
        );
    case 'CANCEL_PICKUP':
      return (state, ctx) => decidePickupCancelled(state, { bookingId: about, reason: note }, ctx);
    case 'RESERVE_REPLACEMENT':
      return (state, ctx) => decideReplacementReserved(state, { reservationIds: [externalRef] }, ctx);
    case 'SHIP_REPLACEMENT':
      return (state, ctx) =>
        decideReplacementShipped(state, { carrier: OUTSIDE_CARRIER, trackingNumber: externalRef }, ctx);
    case 'START_REPAIR':
      return (state, ctx) => decideRepairStarted(state, { repairId: externalRef }, ctx);
    case 'AWAIT_REPAIR_RESULT':
      return (state, ctx) => decideRepairCompleted(state, { repairId: about }, ctx);
    case 'FILE_INSURANCE_CLAIM':
      return (state, ctx) => decideInsuranceClaimFiled(state, { claimId: externalRef }, ctx);
    case 'AWAIT_INSURANCE_PAYOUT':
    case 'SEND_SUPPLIER_RETURN':
    case 'AWAIT_SUPPLIER_BATCH':
      return null;
    default:
      return assertNever(step, 'system step');
  }
}

/**
 * Ops resolve a listed step: DONE records its effect as happened outside (`externalRef` required; a
 * refund resolved DONE is paid), SKIPPED that it is not needed (a refund is never skipped: it is paid
 * or retried). Either way the step leaves the list and the case goes on; not listed → 409.
 */
export function decideStepResolve(
  state: CaseState,
  command: StepResolveCommand,
  ctx: DecideContext,
): Decision {
  const item = listed(state, command.stepKey);
  if (!item) return notAllowed(state, `resolving step ${command.stepKey}, which is not waiting for ops,`);
  const externalRef = command.externalRef ?? '';
  if (command.outcome === 'DONE' && externalRef === '')
    return fail(state, 'VALIDATION_FAILED', 'a step resolved DONE names its outside reference', [
      { path: 'externalRef', message: 'required when outcome is DONE' },
    ]);
  if (command.outcome === 'SKIPPED' && item.step === 'CALL_REFUND')
    return fail(state, 'VALIDATION_FAILED', 'a refund is paid (DONE) or retried, never skipped', [
      { path: 'outcome', message: 'SKIPPED is not allowed for CALL_REFUND' },
    ]);
  const effect = command.outcome === 'DONE' ? doneOutside(item, externalRef, command.note) : null;
  const out = new Emitter(state, ctx);
  out.emit('STEP_RESOLVED', {
    stepKey: command.stepKey,
    outcome: command.outcome,
    ...(command.externalRef ? { externalRef: command.externalRef } : {}),
    note: command.note,
    waived: effect === null,
  });
  return effect ? followedBy(out, (resolved) => effect(resolved, ctx)) : out.done();
}
