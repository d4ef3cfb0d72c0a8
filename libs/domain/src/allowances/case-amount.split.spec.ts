import fc from 'fast-check';
import { money } from '../money';
import { splitCaseAmount } from './case-amount.split';

const lines = (...paid: number[]) =>
  paid.map((amount, index) => ({ lineId: `l-${index + 1}`, paid: money(amount) }));
const amounts = (split: { amount: { amount: number } }[]) => split.map((share) => share.amount.amount);

describe('splitCaseAmount', () => {
  it('splits in proportion to what each line paid, the remainder on the last line', () => {
    expect(amounts(splitCaseAmount(money(1_000), lines(1_000, 1_000, 1_000)))).toEqual([333, 333, 334]);
    expect(amounts(splitCaseAmount(money(10_000), lines(30_000, 10_000)))).toEqual([7_500, 2_500]);
  });

  it('names each line', () => {
    expect(splitCaseAmount(money(5), lines(10)).map((share) => share.lineId)).toEqual(['l-1']);
  });

  it('never gives a line more than it paid: the excess of the last line moves to the lines before it', () => {
    expect(amounts(splitCaseAmount(money(2), lines(1, 1, 1)))).toEqual([0, 1, 1]);
    expect(amounts(splitCaseAmount(money(3), lines(1, 1, 1)))).toEqual([1, 1, 1]);
  });

  it('splits the full paid amount into exactly what each line paid', () => {
    expect(amounts(splitCaseAmount(money(12_345), lines(10_000, 2_000, 345)))).toEqual([10_000, 2_000, 345]);
  });

  it('splits zero over lines that paid nothing without dividing by their zero total', () => {
    expect(amounts(splitCaseAmount(money(0), lines(0, 0)))).toEqual([0, 0]);
  });

  it('refuses an amount above the total paid, no lines, and another currency', () => {
    expect(() => splitCaseAmount(money(4), lines(1, 1, 1))).toThrow(/cannot split 4/);
    expect(() => splitCaseAmount(money(1), [])).toThrow(/at least one line/);
    expect(() => splitCaseAmount(money(1, 'USD'), lines(5))).toThrow(
      /cannot mix currencies|cannot split USD/,
    );
  });

  it('does not overflow on large amounts', () => {
    const big = 2 ** 51 + 1;
    expect(amounts(splitCaseAmount(money(big), lines(big, big)))).toEqual([(big - 1) / 2, (big + 1) / 2]);
  });

  it('properties: whole fen, sums to the amount, none above its line, each share near its exact part', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (paid, fraction) => {
          const total = paid.reduce((sum, amount) => sum + amount, 0);
          const amount = Math.floor(total * fraction);
          const split = amounts(splitCaseAmount(money(amount), lines(...paid)));

          expect(split.every(Number.isSafeInteger)).toBe(true);
          expect(split.reduce((sum, share) => sum + share, 0)).toBe(amount);
          split.forEach((share, index) => {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(paid[index]!);
          });
          if (total > 0) {
            split.slice(0, -1).forEach((share, index) => {
              expect(share).toBeGreaterThanOrEqual(Math.floor((amount * paid[index]!) / total) - paid.length);
            });
          }
        },
      ),
    );
  });
});
