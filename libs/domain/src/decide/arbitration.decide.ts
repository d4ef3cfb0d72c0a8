import { z } from 'zod';
import { idSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { moneySchema } from '../policy.schema';
import { approve } from './approve';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { Emitter } from './emitter';
import { checkRefundAmount, refundLeft } from './refund-amounts';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/cases/{id}/arbitration`. */
export const arbitrationSchema = lazySchema(() =>
  z.object({
    rulingId: idSchema,
    ruling: z.enum(['CUSTOMER_FAVOR', 'MERCHANT_FAVOR']),
    refundAmount: moneySchema.optional(),
    note: z.string().min(1).max(5000),
  }),
);
/** An ops ruling. */
export type ArbitrationCommand = z.infer<typeof arbitrationSchema>;

/**
 * Ops rule an escalated case (IN_ARBITRATION): CUSTOMER_FAVOR approves (with `refundAmount`: a refund
 * without return, capped at what is left of the paid total), MERCHANT_FAVOR closes. Idempotent on `rulingId`.
 */
export function decideArbitrationRuling(
  state: CaseState,
  input: ArbitrationCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parseInput(state, arbitrationSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.ruling(command.rulingId))) return duplicate();
  if (state.status !== 'IN_ARBITRATION') return notAllowed(state, 'an arbitration ruling');
  if (command.refundAmount && command.ruling === 'MERCHANT_FAVOR') {
    return fail(state, 'VALIDATION_FAILED', 'refundAmount goes with CUSTOMER_FAVOR', [
      { path: 'refundAmount', message: 'only with CUSTOMER_FAVOR' },
    ]);
  }
  const amountError = checkRefundAmount(state, command.refundAmount, refundLeft(state));
  if (amountError) return amountError;
  const out = new Emitter(state, ctx);
  const refundAmount = command.refundAmount ? { refundAmount: command.refundAmount } : {};
  out.emit('ARBITRATION_RULED', {
    rulingId: command.rulingId,
    ruling: command.ruling,
    note: command.note,
    ...refundAmount,
  });
  if (command.ruling === 'CUSTOMER_FAVOR') {
    approve(out, { by: 'ARBITRATION', rulingId: command.rulingId, note: command.note, ...refundAmount });
  } else {
    out.emit('CASE_CLOSED', { reason: 'ARBITRATION_MERCHANT_FAVOR' });
  }
  return out.done();
}
