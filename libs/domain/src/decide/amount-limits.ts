import { DomainErrorDetail } from '../case.errors';
import { CaseRequest } from '../case.types';
import { MAX_MONEY_AMOUNT, Money, multiplyMoneyWithin, sumMoneyWithin } from '../money';

/** A price and a quantity of a request or an order, and the field that names it in an error. */
export interface PricedQuantity {
  readonly path: string;
  readonly unit: Money;
  readonly quantity: number;
}

/** The finer code of an amount beyond what money arithmetic holds exactly. */
export const AMOUNT_TOO_LARGE = 'AMOUNT_TOO_LARGE';

/**
 * The fields whose price × quantity passes the largest amount, and `totalPath` when each fits but their
 * sum does not (empty when every amount fits). Valid fields can overflow together: this is bad input,
 * answered 400 naming the field, never an exception.
 */
export function amountLimitIssues(priced: readonly PricedQuantity[], totalPath: string): DomainErrorDetail[] {
  const issues: DomainErrorDetail[] = [];
  const products: Money[] = [];
  for (const { path, unit, quantity } of priced) {
    const product = multiplyMoneyWithin(unit, quantity);
    if (product) products.push(product);
    else
      issues.push({
        path,
        message: `${unit.amount} × ${quantity} passes the largest amount (${MAX_MONEY_AMOUNT} minor units)`,
        code: AMOUNT_TOO_LARGE,
      });
  }
  if (issues.length === 0 && sumMoneyWithin(products, products[0]?.currency) === null) {
    issues.push({
      path: totalPath,
      message: `the total passes the largest amount (${MAX_MONEY_AMOUNT} minor units)`,
      code: AMOUNT_TOO_LARGE,
    });
  }
  return issues;
}

/** The request's items whose unit price × quantity, or whose total, is too large (`items.<n>.unitPrice`, `items`). */
export function requestAmountIssues(request: CaseRequest): DomainErrorDetail[] {
  return amountLimitIssues(
    request.items.map((item, index) => ({
      path: `items.${index}.unitPrice`,
      unit: item.unitPrice,
      quantity: item.quantity,
    })),
    'items',
  );
}
