import { CaseState } from '../case.state';
import { DecideContext, Decision, duplicate, fail, notAllowed } from './decision';
import { Emitter } from './emitter';
import { finishIfDone } from './settle';

/** The refund system paid a refund (with its own reference when it gave one). */
export interface RefundSucceededCommand {
  refundId: string;
  externalRef?: string;
}

/** A refund that failed for good, with the refund system's code. */
export interface RefundFailedCommand {
  refundId: string;
  errorCode: string;
  message: string;
}

/** Ops ask for a failed refund to be paid again. */
export interface RefundRetryCommand {
  refundId: string;
  reason: string;
}

/** The refund system paid a refund; the case completes when nothing else is pending. Idempotent. */
export function decideRefundSucceeded(
  state: CaseState,
  command: RefundSucceededCommand,
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status === 'SUCCEEDED') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('REFUND_SUCCEEDED', {
    refundId: command.refundId,
    ...(command.externalRef ? { externalRef: command.externalRef } : {}),
  });
  finishIfDone(out);
  return out.done();
}

/** The refund failed for good (non-retryable, or retries exhausted): the case is flagged for ops. */
export function decideRefundFailed(
  state: CaseState,
  command: RefundFailedCommand,
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status !== 'PENDING') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('REFUND_FAILED', { ...command });
  return out.done();
}

/** Ops retry a failed refund: the same refund id and idempotency key are requested again. */
export function decideRefundRetry(
  state: CaseState,
  command: RefundRetryCommand,
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status !== 'FAILED') return notAllowed(state, `retrying a ${refund.status} refund`);
  const out = new Emitter(state, ctx);
  out.emit('OPS_ACTION_RECORDED', {
    action: 'RETRY_REFUND',
    reason: command.reason,
    refundId: refund.refundId,
  });
  out.emit('REFUND_REQUESTED', {
    refundId: refund.refundId,
    idempotencyKey: refund.idempotencyKey,
    amount: refund.amount,
    purpose: refund.purpose,
  });
  return out.done();
}
