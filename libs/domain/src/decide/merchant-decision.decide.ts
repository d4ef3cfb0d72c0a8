import { z } from 'zod';
import { idSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { moneySchema } from '../policy.schema';
import { approve } from './approve';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { clocksOf, due } from './due';
import { Emitter } from './emitter';
import { checkRefundAmount, refundLeft } from './refund-amounts';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/cases/{id}/decision`. */
export const merchantDecisionSchema = lazySchema(() =>
  z.object({
    decisionId: idSchema,
    decision: z.enum(['APPROVE', 'REJECT']),
    note: z.string().max(5000).optional(),
    refundAmount: moneySchema.optional(),
  }),
);
/** A merchant's decision. */
export type MerchantDecisionCommand = z.infer<typeof merchantDecisionSchema>;

// A partial amount goes with APPROVE, on a case that refunds money, within what is left to refund.
function refundAmountError(state: CaseState, command: MerchantDecisionCommand): Decision | null {
  if (!state.request) return notAllowed(state, 'a merchant decision');
  if (command.refundAmount && command.decision === 'REJECT') {
    return fail(state, 'VALIDATION_FAILED', 'refundAmount goes with APPROVE', [
      { path: 'refundAmount', message: 'only with APPROVE' },
    ]);
  }
  const refundsMoney = state.request.type !== 'EXCHANGE' && state.request.type !== 'REPAIR';
  if (command.refundAmount && !refundsMoney && state.escalation?.contests !== 'INSPECTION') {
    return fail(state, 'VALIDATION_FAILED', `a ${state.request.type} case refunds no money`, [
      { path: 'refundAmount', message: 'not for this case type' },
    ]);
  }
  return checkRefundAmount(state, command.refundAmount, refundLeft(state));
}

/**
 * The merchant approves or rejects a request (PENDING_MERCHANT_REVIEW), or settles or maintains the
 * rejection of an escalation (ESCALATED: REJECT opens arbitration). `refundAmount` proposes a partial
 * refund: it caps the case's refund. Idempotent on `decisionId`.
 */
export function decideMerchantDecision(
  state: CaseState,
  input: MerchantDecisionCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parseInput(state, merchantDecisionSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.decision(command.decisionId))) return duplicate();
  if (state.status !== 'PENDING_MERCHANT_REVIEW' && state.status !== 'ESCALATED')
    return notAllowed(state, 'a merchant decision');
  const clocks = clocksOf(state);
  if (!clocks) return notAllowed(state, 'a merchant decision');
  const amountError = refundAmountError(state, command);
  if (amountError) return amountError;
  const out = new Emitter(state, ctx);
  const note = command.note ? { note: command.note } : {};
  if (command.decision === 'APPROVE') {
    approve(out, {
      by: 'MERCHANT',
      decisionId: command.decisionId,
      ...note,
      ...(command.refundAmount ? { refundAmount: command.refundAmount } : {}),
    });
  } else if (state.status === 'PENDING_MERCHANT_REVIEW') {
    out.emit('CASE_REJECTED', {
      by: 'MERCHANT',
      decisionId: command.decisionId,
      ...note,
      escalateBy: due(ctx, clocks.escalationWindow),
    });
  } else {
    out.emit('ARBITRATION_OPENED', {
      cause: 'MERCHANT_MAINTAINED_REJECTION',
      decisionId: command.decisionId,
      ...note,
    });
  }
  return out.done();
}
