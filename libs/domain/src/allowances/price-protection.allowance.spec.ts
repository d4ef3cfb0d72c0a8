import fc from 'fast-check';
import { money } from '../money';
import { priceProtectionLimit, PriceProtectionInput } from './price-protection.allowance';

const input = (overrides: Partial<PriceProtectionInput> = {}): PriceProtectionInput => ({
  unitPaid: money(399_900),
  quantity: 2,
  currentPrice: money(369_900),
  earlier: [],
  refundable: money(799_800),
  ...overrides,
});

describe('priceProtectionLimit', () => {
  it('pays at most (paid − current) × quantity', () => {
    expect(priceProtectionLimit(input())).toEqual({ allowed: true, maxAmount: money(60_000) });
  });

  it('pays nothing when the price did not drop', () => {
    expect(priceProtectionLimit(input({ currentPrice: money(399_900) }))).toEqual({
      allowed: false,
      reason: 'NO_PRICE_DROP',
    });
    expect(priceProtectionLimit(input({ currentPrice: money(450_000) }))).toMatchObject({ allowed: false });
  });

  it('protects a line once per catalogue price', () => {
    const earlier = [{ cataloguePrice: money(369_900), amount: money(60_000) }];

    expect(priceProtectionLimit(input({ earlier }))).toEqual({
      allowed: false,
      reason: 'ALREADY_PROTECTED_AT_THIS_PRICE',
    });
  });

  it('pays only the further drop after an earlier protection at a higher price', () => {
    const earlier = [{ cataloguePrice: money(369_900), amount: money(60_000) }];

    expect(priceProtectionLimit(input({ earlier, currentPrice: money(349_900) }))).toEqual({
      allowed: true,
      maxAmount: money(40_000),
    });
  });

  it('never pays more than the line may still refund', () => {
    expect(priceProtectionLimit(input({ refundable: money(10_000) }))).toEqual({
      allowed: true,
      maxAmount: money(10_000),
    });
    expect(priceProtectionLimit(input({ refundable: money(0) }))).toEqual({
      allowed: false,
      reason: 'NOTHING_LEFT',
    });
  });

  it('refuses a current price of another currency', () => {
    expect(() => priceProtectionLimit(input({ currentPrice: money(1, 'USD') }))).toThrow(
      /cannot mix currencies/,
    );
  });

  it('property: however prices fall, all protections together never exceed (paid − lowest) × quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(100_000), { maxLength: 6 }),
        (paid, quantity, prices) => {
          const earlier: { cataloguePrice: ReturnType<typeof money>; amount: ReturnType<typeof money> }[] =
            [];
          for (const price of prices) {
            const limit = priceProtectionLimit({
              unitPaid: money(paid),
              quantity,
              currentPrice: money(price),
              earlier,
              refundable: money(paid * quantity),
            });
            if (limit.allowed) earlier.push({ cataloguePrice: money(price), amount: limit.maxAmount });
          }
          const lowest = Math.min(paid, ...prices);
          const total = earlier.reduce((sum, claim) => sum + claim.amount.amount, 0);
          expect(total).toBeLessThanOrEqual((paid - lowest) * quantity);
          expect(new Set(earlier.map((claim) => claim.cataloguePrice.amount)).size).toBe(earlier.length);
        },
      ),
    );
  });
});
