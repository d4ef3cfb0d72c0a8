import { Money, MoneyError, money, sumMoney } from '../money';

/** A line's weight in a split: what the case's units of that line paid. */
export interface CaseLinePaid {
  readonly lineId: string;
  readonly paid: Money;
}

/** A line's share of a case-level amount. */
export interface LineAmount {
  readonly lineId: string;
  readonly amount: Money;
}

/**
 * Splits a case-level amount (a partial approval, a ruling) over the case's lines in proportion to what
 * each paid, in whole fen: each line but the last gets its share rounded down, the last the remainder;
 * a share never goes above what its line paid (an excess moves to the lines before it, last first).
 * Throws `MoneyError` when there are no lines, currencies differ or the amount exceeds the total paid.
 */
export function splitCaseAmount(amount: Money, lines: readonly CaseLinePaid[]): LineAmount[] {
  if (lines.length === 0) throw new MoneyError('a case amount needs at least one line to split over');
  const total = sumMoney(
    lines.map((line) => line.paid),
    amount.currency,
  );
  if (total.currency !== amount.currency) {
    throw new MoneyError(`cannot split ${amount.currency} over lines paid in ${total.currency}`);
  }
  if (amount.amount > total.amount) {
    throw new MoneyError(`cannot split ${amount.amount} over lines that paid ${total.amount} in all`);
  }
  const shares = lines.map((line) =>
    total.amount === 0
      ? 0
      : Number((BigInt(amount.amount) * BigInt(line.paid.amount)) / BigInt(total.amount)),
  );
  const last = shares.length - 1;
  shares[last] = amount.amount - shares.slice(0, last).reduce((sum, share) => sum + share, 0);
  let excess = 0;
  // Stryker disable next-line EqualityOperator: the excess never reaches the first line (index 0). What
  // is left for it is amount − (total − paid₀) − ⌊amount·paid₀/total⌋, never above 0 since amount ≤ total.
  for (let index = last; index >= 0; index--) {
    const cap = lines[index]!.paid.amount;
    const share = shares[index]! + excess;
    shares[index] = Math.min(share, cap);
    excess = share - shares[index]!;
  }
  return lines.map((line, index) => ({
    lineId: line.lineId,
    amount: money(shares[index]!, amount.currency),
  }));
}
