import fc from 'fast-check';
import { makeCaseItem } from './case.testing';
import { CASE_TYPES, GRADES, Grade } from './case.types';
import { buildSettlement, dispositionOf, settleInspection, settlePriceProtection } from './settlement';
import { SettlementLine } from './settlement.types';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const item = makeCaseItem({ quantity: 1, unitPrice: cny(12999) });
const settleOne = (
  grade: Grade,
  reason: 'NO_REASON' | 'QUALITY_ISSUE',
  caseType: 'RETURN_REFUND' | 'EXCHANGE' | 'REPAIR' = 'RETURN_REFUND',
) =>
  settleInspection({
    caseType,
    reason,
    items: [item],
    units: [{ sku: item.sku, quantity: 1, grade }],
    wearDeductionPercent: 10,
    money: { paid: cny(12999), refundedSoFar: cny(0), cap: null },
  });

describe('settlement per grade', () => {
  it.each([
    ['A_RESELLABLE', 'NO_REASON', 12999, 'RESTOCK'],
    ['A_RESELLABLE', 'QUALITY_ISSUE', 12999, 'RESTOCK'],
    ['B_REFURBISH', 'NO_REASON', 11700, 'REFURBISH'],
    ['B_REFURBISH', 'QUALITY_ISSUE', 12999, 'REFURBISH'],
    ['C_DEFECTIVE', 'NO_REASON', 12999, 'RETURN_TO_SUPPLIER'],
    ['C_DEFECTIVE', 'QUALITY_ISSUE', 12999, 'RETURN_TO_SUPPLIER'],
    ['D_CUSTOMER_DAMAGED', 'NO_REASON', 0, 'RETURN_TO_CUSTOMER'],
    ['MISMATCH', 'QUALITY_ISSUE', 0, 'RETURN_TO_CUSTOMER'],
  ] as const)(
    'refunds a %s unit of a %s return with %i fen and disposes of it as %s',
    (grade, reason, refund, disposition) => {
      const settlement = settleOne(grade, reason);
      expect(settlement.refundDue).toEqual(cny(refund));
      expect(settlement.lines[0].disposition).toBe(disposition);
      expect(dispositionOf(grade)).toBe(disposition);
      expect(settlement.refusedUnits).toBe(refund === 0 ? 1 : 0);
    },
  );

  it.each([
    ['EXCHANGE', 'REPLACEMENT'],
    ['REPAIR', 'REPAIR'],
  ] as const)('a %s case replaces or repairs A–C units and refuses D units', (caseType, kind) => {
    expect(settleOne('C_DEFECTIVE', 'QUALITY_ISSUE', caseType)).toMatchObject({ kind, refundDue: cny(0) });
    expect(settleOne('D_CUSTOMER_DAMAGED', 'QUALITY_ISSUE', caseType)).toMatchObject({
      kind: 'NONE',
      refusedUnits: 1,
    });
  });

  it('rounds the wear deduction down, in favour of the customer', () => {
    const cheap = settleInspection({
      caseType: 'RETURN_REFUND',
      reason: 'NO_REASON',
      items: [makeCaseItem({ unitPrice: cny(19), quantity: 3 })],
      units: [{ sku: 'sku-1', quantity: 3, grade: 'B_REFURBISH' }],
      wearDeductionPercent: 10,
      money: { paid: cny(57), refundedSoFar: cny(0), cap: null },
    });
    expect(cheap.lines[0].deduction).toEqual(cny(3));
    expect(cheap.refundDue).toEqual(cny(54));
  });

  it('counts a fast refund already paid and records what was refunded beyond the entitlement', () => {
    const settlement = settleInspection({
      caseType: 'RETURN_REFUND',
      reason: 'NO_REASON',
      items: [item],
      units: [{ sku: item.sku, quantity: 1, grade: 'B_REFURBISH' }],
      wearDeductionPercent: 10,
      money: { paid: cny(12999), refundedSoFar: cny(12999), cap: null },
    });
    expect(settlement).toMatchObject({ entitled: cny(11700), refundDue: cny(0), recoveryDue: cny(1299) });
  });

  it('refunds the price difference times the quantity, never a negative difference', () => {
    const items = [
      makeCaseItem({ quantity: 2, currentUnitPrice: cny(11999) }),
      makeCaseItem({ sku: 'sku-2', currentUnitPrice: cny(20000) }),
    ];
    expect(
      settlePriceProtection(items, undefined, { paid: cny(38997), refundedSoFar: cny(0), cap: null })
        .refundDue,
    ).toEqual(cny(2000));
  });
});

describe('settlement properties', () => {
  const lineArb = fc.record({
    unit: fc.integer({ min: 0, max: 1_000_000 }),
    quantity: fc.integer({ min: 1, max: 5 }),
    grade: fc.constantFrom(...GRADES),
  });
  it('never refunds more than paid in total, never negative, in both modes and with any cap or prior refund', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...CASE_TYPES),
        fc.constantFrom('NO_REASON', 'QUALITY_ISSUE') as fc.Arbitrary<'NO_REASON' | 'QUALITY_ISSUE'>,
        fc.integer({ min: 0, max: 100 }),
        fc.nat(),
        fc.option(fc.nat({ max: 10_000_000 }), { nil: null }),
        fc.constantFrom('TOTAL', 'ADDITIONAL') as fc.Arbitrary<'TOTAL' | 'ADDITIONAL'>,
        (lines, caseType, reason, percent, priorSeed, capAmount, mode) => {
          const items = lines.map((line, index) =>
            makeCaseItem({ sku: `s${index}`, quantity: line.quantity, unitPrice: cny(line.unit) }),
          );
          const paid = items.reduce((total, it) => total + it.unitPrice.amount * it.quantity, 0);
          const prior = paid === 0 ? 0 : priorSeed % (paid + 1);
          const money = {
            paid: cny(paid),
            refundedSoFar: cny(prior),
            cap: capAmount === null ? null : cny(capAmount),
          };
          const inspected = settleInspection({
            caseType,
            reason,
            items,
            units: lines.map((line, index) => ({
              sku: `s${index}`,
              quantity: line.quantity,
              grade: line.grade,
            })),
            wearDeductionPercent: percent,
            money,
          });
          const rebuilt = buildSettlement('ESCALATION', inspected.lines as SettlementLine[], money, mode);
          for (const settlement of [inspected, rebuilt]) {
            for (const value of [settlement.entitled, settlement.refundDue, settlement.recoveryDue]) {
              expect(Number.isSafeInteger(value.amount)).toBe(true);
              expect(value.amount).toBeGreaterThanOrEqual(0);
            }
            expect(prior + settlement.refundDue.amount).toBeLessThanOrEqual(paid);
            expect(settlement.entitled.amount).toBeLessThanOrEqual(paid);
            if (capAmount !== null) expect(settlement.entitled.amount).toBeLessThanOrEqual(capAmount);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
