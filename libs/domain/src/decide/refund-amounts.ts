import { CaseState, allRefunds } from '../case.state';
import { paidTotal } from '../eligibility';
import { Money } from '../money';
import { Decision, fail } from './decision';

/** What the customer paid for the items of the case. */
export function paidOf(state: CaseState): Money {
  return paidTotal(state.request?.items ?? []);
}

/** What can still be refunded: the paid total less every refund so far. */
export function refundLeft(state: CaseState): Money {
  const paid = paidOf(state);
  return { amount: Math.max(0, paid.amount - allRefunds(state).amount), currency: paid.currency };
}

/** The money a settlement works from: paid, refunded so far, and the approved cap. */
export function settlementMoney(state: CaseState, cap: Money | null) {
  return { paid: paidOf(state), refundedSoFar: allRefunds(state), cap };
}

/**
 * The refund id and its idempotency key derive from the case and the refund's sequence number, so
 * they are fixed before the first call and the same on every retry and replay.
 */
export function nextRefundIds(state: CaseState): { refundId: string; idempotencyKey: string } {
  const n = state.refunds.length + 1;
  return { refundId: `${state.caseId}-refund-${n}`, idempotencyKey: `${state.caseId}:refund:${n}` };
}

/** Refuses a proposed refund amount in another currency or above what is `left` (null when fine or absent). */
export function checkRefundAmount(state: CaseState, amount: Money | undefined, left: Money): Decision | null {
  if (amount === undefined) return null;
  if (amount.currency !== left.currency) {
    return fail(state, 'CURRENCY_MISMATCH', `the case is in ${left.currency}`, [
      { path: 'refundAmount.currency', message: `expected ${left.currency}` },
    ]);
  }
  if (amount.amount > left.amount) {
    return fail(
      state,
      'AMOUNT_EXCEEDS_PAID',
      `at most ${left.amount} ${left.currency} can still be refunded`,
      [{ path: 'refundAmount.amount', message: `must not exceed ${left.amount}` }],
    );
  }
  return null;
}
