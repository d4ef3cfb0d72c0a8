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
 * What `line` still allows given the cases' holdings on it. Throws `MoneyError` when the line's paid total
 * overflows a safe integer or a holding is of another currency (the caller reports the field).
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
