import { DomainErrorDetail } from '../case.errors';
import { amountLimitIssues } from '../decide/amount-limits';
import { compareMoney, Money, multiplyMoney, subtractMoneyFloorZero, sumMoney } from '../money';
import {
  AllowanceCheck,
  LINE_ALLOWANCE_EXCEEDED,
  LineAllowance,
  LineHoldings,
  OrderLineFacts,
  QuantityHolding,
  RefundHoldingStatus,
} from './line-allowance.types';

/** Units a case still holds: what it took less what it consumed or gave back (never below zero). */
export function stillHeld(holding: QuantityHolding): number {
  return Math.max(0, holding.held - holding.consumed - holding.released);
}

/**
 * The order lines whose paid total (`unitPaid` × `quantity`) passes the largest amount, each named by
 * `pathOf(index)` (e.g. the request's `lines.<n>`), as 400 details: check the order's facts with this
 * before {@link lineAllowance} or a case's totals use them (empty when every line fits).
 */
export function lineAmountIssues(
  lines: readonly OrderLineFacts[],
  pathOf: (index: number) => string,
): DomainErrorDetail[] {
  return lines.flatMap((line, index) =>
    amountLimitIssues([{ path: pathOf(index), unit: line.unitPaid, quantity: line.quantity }], pathOf(index)),
  );
}

/**
 * What `line` still allows given the cases' holdings on it. Throws `MoneyError` when the line's paid total
 * overflows a safe integer (refuse such a line first with {@link lineAmountIssues}) or a holding is of
 * another currency.
 */
export function lineAllowance(line: OrderLineFacts, holdings: LineHoldings): LineAllowance {
  const heldByOpenCases = holdings.quantities.reduce((sum, holding) => sum + stillHeld(holding), 0);
  const returned = holdings.quantities.reduce((sum, holding) => sum + holding.consumed, 0);
  const paid = multiplyMoney(line.unitPaid, line.quantity);
  const total = (status: RefundHoldingStatus) =>
    sumMoney(
      holdings.refunds.filter((refund) => refund.status === status).map((refund) => refund.amount),
      paid.currency,
    );
  const reserved = total('RESERVED');
  const refunded = total('PAID');
  const taken = sumMoney([reserved, refunded], paid.currency);
  return {
    lineId: line.lineId,
    ordered: line.quantity,
    heldByOpenCases,
    returned,
    returnable: Math.max(0, line.quantity - heldByOpenCases - returned),
    paid,
    reserved,
    refunded,
    refundable: subtractMoneyFloorZero(paid, taken),
  };
}

/** Whether a new case may take `quantity` units of the line. */
export function fitsQuantity(allowance: LineAllowance, quantity: number): AllowanceCheck<number> {
  return quantity <= allowance.returnable
    ? { fits: true }
    : { fits: false, code: LINE_ALLOWANCE_EXCEEDED, available: allowance.returnable };
}

/** Whether a new refund of `amount` may be reserved against the line. */
export function fitsAmount(allowance: LineAllowance, amount: Money): AllowanceCheck<Money> {
  return compareMoney(amount, allowance.refundable) <= 0
    ? { fits: true }
    : { fits: false, code: LINE_ALLOWANCE_EXCEEDED, available: allowance.refundable };
}
