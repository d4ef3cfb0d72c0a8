/** An ISO 4217 currency code, e.g. `CNY`. */
export type Currency = string;

/** An amount of money in integer minor units (fen for CNY) of one currency; never a float, never negative. */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

/** The currency the platform settles in when nothing else is said. */
export const DEFAULT_CURRENCY: Currency = 'CNY';

/** Thrown by the money helpers for a programming error: a float, a negative amount or mixed currencies. */
export class MoneyError extends RangeError {
  /** Names the error class (not `constructor.name`, which minifiers change). */
  override readonly name = 'MoneyError';
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Whether `value` is a Money: a non-negative safe integer amount and a three-letter currency. */
export function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { amount?: unknown; currency?: unknown };
  return (
    typeof candidate.amount === 'number' &&
    Number.isSafeInteger(candidate.amount) &&
    candidate.amount >= 0 &&
    typeof candidate.currency === 'string' &&
    CURRENCY_PATTERN.test(candidate.currency)
  );
}

/** Builds a Money, rejecting floats, negatives, unsafe integers and malformed currencies. */
export function money(amount: number, currency: Currency = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(amount))
    throw new MoneyError(`amount must be an integer of minor units, got ${amount}`);
  if (amount < 0) throw new MoneyError(`amount must not be negative, got ${amount}`);
  if (!CURRENCY_PATTERN.test(currency))
    throw new MoneyError(`currency must be an ISO 4217 code, got ${currency}`);
  return { amount, currency };
}

/** Zero of a currency. */
export function zeroMoney(currency: Currency = DEFAULT_CURRENCY): Money {
  return { amount: 0, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency)
    throw new MoneyError(`cannot mix currencies ${a.currency} and ${b.currency}`);
}

/** a + b (same currency). */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** a − b (same currency); throws when the result would be negative. */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** a − b, floored at zero (same currency). */
export function subtractMoneyFloorZero(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(Math.max(0, a.amount - b.amount), a.currency);
}

/** `unit` × `quantity`, for a non-negative integer quantity. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new MoneyError(`quantity must be a non-negative integer, got ${quantity}`);
  }
  return money(unit.amount * quantity, unit.currency);
}

/** The largest amount (in minor units) the money helpers hold: beyond it, arithmetic is no longer exact. */
export const MAX_MONEY_AMOUNT = Number.MAX_SAFE_INTEGER;

/**
 * `unit` × `quantity`, or null when the product passes {@link MAX_MONEY_AMOUNT}: amounts that are each valid
 * can still multiply out of range, which is bad input to refuse by name, not a bug to throw on.
 */
export function multiplyMoneyWithin(unit: Money, quantity: number): Money | null {
  // A float or negative operand is a programming error: multiplyMoney throws on it.
  if (!Number.isSafeInteger(quantity) || !Number.isSafeInteger(unit.amount))
    return multiplyMoney(unit, quantity);
  const product = BigInt(unit.amount) * BigInt(quantity);
  return product > BigInt(MAX_MONEY_AMOUNT) ? null : multiplyMoney(unit, quantity);
}

/** The sum of `amounts` (all of `currency`), or null when it passes {@link MAX_MONEY_AMOUNT}. */
export function sumMoneyWithin(
  amounts: readonly Money[],
  currency: Currency = DEFAULT_CURRENCY,
): Money | null {
  if (!amounts.every((next) => Number.isSafeInteger(next.amount))) return sumMoney(amounts, currency);
  const total = amounts.reduce((sum, next) => sum + BigInt(next.amount), 0n);
  return total > BigInt(MAX_MONEY_AMOUNT) ? null : sumMoney(amounts, currency);
}

/** The sum of `amounts` (all of `currency`). */
export function sumMoney(amounts: readonly Money[], currency: Currency = DEFAULT_CURRENCY): Money {
  return amounts.reduce((total, next) => addMoney(total, next), zeroMoney(amounts[0]?.currency ?? currency));
}

/** The smaller of a and b (same currency). */
export function minMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  // Stryker disable next-line EqualityOperator: on equal amounts a and b are the same money (one currency).
  return a.amount <= b.amount ? a : b;
}

/** Negative, zero or positive as a is less than, equal to or greater than b (same currency). */
export function compareMoney(a: Money, b: Money): number {
  sameCurrency(a, b);
  return a.amount - b.amount;
}

/** Whether the amount is zero. */
export function isZeroMoney(value: Money): boolean {
  return value.amount === 0;
}

/**
 * `percent`% of `value`, rounded down to a whole minor unit: used for deductions, so rounding
 * always favours the customer.
 */
export function percentOfFloor(value: Money, percent: number): Money {
  if (!Number.isSafeInteger(percent) || percent < 0 || percent > 100) {
    throw new MoneyError(`percent must be an integer 0..100, got ${percent}`);
  }
  // In whole numbers: amount × percent can pass the largest exact float long before the result does.
  return money(Number((BigInt(value.amount) * BigInt(percent)) / 100n), value.currency);
}

/** Renders money for messages, e.g. `129.99 CNY` (assumes two decimal minor units). */
export function formatMoney(value: Money): string {
  const whole = Math.floor(value.amount / 100);
  const cents = String(value.amount % 100).padStart(2, '0');
  return `${whole}.${cents} ${value.currency}`;
}
