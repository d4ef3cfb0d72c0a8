import {
  compareMoney,
  minMoney,
  Money,
  multiplyMoney,
  subtractMoneyFloorZero,
  sumMoney,
  zeroMoney,
} from '../money';

/** An earlier price protection on the line, not given back: the catalogue price it was for and its amount. */
export interface PriceProtectionClaim {
  readonly cataloguePrice: Money;
  readonly amount: Money;
}

/** What a new price protection on a line may pay, or why it may pay nothing. */
export type PriceProtectionLimit =
  | { readonly allowed: true; readonly maxAmount: Money }
  | {
      readonly allowed: false;
      readonly reason: 'NO_PRICE_DROP' | 'ALREADY_PROTECTED_AT_THIS_PRICE' | 'NOTHING_LEFT';
    };

/** The facts a price protection on one line is judged on. */
export interface PriceProtectionInput {
  /** Paid per unit after discounts. */
  readonly unitPaid: Money;
  /** Units the case protects. */
  readonly quantity: number;
  /** The catalogue's current price of the SKU. */
  readonly currentPrice: Money;
  /** Earlier protections on this line that were not given back. */
  readonly earlier: readonly PriceProtectionClaim[];
  /** What the line may still refund (its allowance's `refundable`). */
  readonly refundable: Money;
}

/**
 * Price protection: at most once per line per catalogue price, and never more than
 * (paid − current) × quantity in all, counting what earlier protections on the line took; also never more
 * than the line may still refund. Throws `MoneyError` on mixed currencies or an overflowing product.
 */
export function priceProtectionLimit(input: PriceProtectionInput): PriceProtectionLimit {
  const { unitPaid, quantity, currentPrice, earlier, refundable } = input;
  if (compareMoney(currentPrice, unitPaid) >= 0) return { allowed: false, reason: 'NO_PRICE_DROP' };
  if (earlier.some((claim) => compareMoney(claim.cataloguePrice, currentPrice) === 0)) {
    return { allowed: false, reason: 'ALREADY_PROTECTED_AT_THIS_PRICE' };
  }
  const drop = multiplyMoney(subtractMoneyFloorZero(unitPaid, currentPrice), quantity);
  const taken = sumMoney(
    earlier.map((claim) => claim.amount),
    unitPaid.currency,
  );
  const maxAmount = minMoney(subtractMoneyFloorZero(drop, taken), refundable);
  if (compareMoney(maxAmount, zeroMoney(unitPaid.currency)) <= 0)
    return { allowed: false, reason: 'NOTHING_LEFT' };
  return { allowed: true, maxAmount };
}
