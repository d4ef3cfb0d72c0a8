import { makeCaseItem } from './case.testing';
import {
  buildSettlement,
  fullLine,
  gradeOutcome,
  isRefusedGrade,
  settleFullRefund,
  settleInspection,
  settleLinesAsRefund,
  settlePriceProtection,
} from './settlement';
import { SettlementLine } from './settlement.types';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const line = (outcome: SettlementLine['outcome'], refund: number, quantity = 1): SettlementLine => ({
  sku: `sku-${outcome}`,
  quantity,
  grade: null,
  disposition: null,
  outcome,
  paid: usd(refund),
  deduction: usd(0),
  refund: usd(refund),
});
const context = (paid: number, refundedSoFar = 0, cap: number | null = null) => ({
  paid: usd(paid),
  refundedSoFar: usd(refundedSoFar),
  cap: cap === null ? null : usd(cap),
});

describe('what a settlement gives', () => {
  it.each([
    ['a replacement over a repair and a refund', ['REFUND', 'REPAIR', 'REPLACE'], 'REPLACEMENT'],
    ['a repair over a refund', ['REFUND', 'REPAIR', 'REFUSED'], 'REPAIR'],
    ['a refund when some units are refused', ['REFUSED', 'REFUND'], 'REFUND'],
    ['nothing when every unit is refused', ['REFUSED', 'REFUSED'], 'NONE'],
    ['nothing when there are no lines', [], 'NONE'],
  ] as const)('is %s', (_label, outcomes, kind) => {
    const lines = outcomes.map((outcome) => line(outcome, 0));
    expect(buildSettlement('ESCALATION', lines, context(0), 'TOTAL').kind).toBe(kind);
  });

  it('refuses D_CUSTOMER_DAMAGED and MISMATCH units and no other grade', () => {
    expect(isRefusedGrade('D_CUSTOMER_DAMAGED')).toBe(true);
    expect(isRefusedGrade('MISMATCH')).toBe(true);
    expect(isRefusedGrade('A_RESELLABLE')).toBe(false);
    expect(isRefusedGrade('C_DEFECTIVE')).toBe(false);
  });

  it('keeps every line, its basis and counts the refused units', () => {
    const lines = [line('REFUND', 500), line('REFUSED', 0, 3), line('REFUSED', 0, 2)];
    const settlement = buildSettlement('ARBITRATION', lines, context(1000), 'TOTAL');
    expect(settlement.basis).toBe('ARBITRATION');
    expect(settlement.lines).toEqual(lines);
    expect(settlement.refusedUnits).toBe(5);
  });
});

describe('totals of a whole-case (TOTAL) settlement', () => {
  it('adds the refunds of every line, in the currency paid', () => {
    const settlement = buildSettlement(
      'INSPECTION',
      [line('REFUND', 300), line('REFUND', 200)],
      context(1000),
      'TOTAL',
    );
    expect(settlement).toMatchObject({
      entitled: usd(500),
      alreadyRefunded: usd(0),
      refundDue: usd(500),
      recoveryDue: usd(0),
    });
  });

  it('caps the entitlement at an agreed partial refund, and not at a cap above the lines', () => {
    const lines = [line('REFUND', 1000)];
    expect(buildSettlement('ARBITRATION', lines, context(1000, 0, 600), 'TOTAL').refundDue).toEqual(usd(600));
    expect(buildSettlement('ARBITRATION', lines, context(1000, 0, 1500), 'TOTAL').refundDue).toEqual(
      usd(1000),
    );
  });

  it('never entitles more than was paid', () => {
    const settlement = buildSettlement('INSPECTION', [line('REFUND', 1200)], context(1000), 'TOTAL');
    expect(settlement.entitled).toEqual(usd(1000));
    expect(settlement.refundDue).toEqual(usd(1000));
  });

  it('pays only the rest of the entitlement after an earlier partial refund', () => {
    const settlement = buildSettlement('INSPECTION', [line('REFUND', 900)], context(1000, 300), 'TOTAL');
    expect(settlement).toMatchObject({
      entitled: usd(900),
      alreadyRefunded: usd(300),
      refundDue: usd(600),
      recoveryDue: usd(0),
    });
  });

  it('records a refund beyond the entitlement as due for recovery and pays nothing more', () => {
    const settlement = buildSettlement('INSPECTION', [line('REFUND', 400)], context(1000, 1000), 'TOTAL');
    expect(settlement).toMatchObject({ entitled: usd(400), refundDue: usd(0), recoveryDue: usd(600) });
  });

  it('asks for no refund, never a negative one, when more than was paid is already refunded', () => {
    const settlement = buildSettlement('INSPECTION', [line('REFUND', 1000)], context(1000, 1200), 'TOTAL');
    expect(settlement).toMatchObject({ entitled: usd(1000), refundDue: usd(0), recoveryDue: usd(200) });
  });
});

describe('totals of an additional (ADDITIONAL) settlement', () => {
  it('comes on top of the refunds so far', () => {
    const settlement = buildSettlement('ESCALATION', [line('REFUND', 200)], context(1000, 700), 'ADDITIONAL');
    expect(settlement).toMatchObject({
      entitled: usd(200),
      alreadyRefunded: usd(700),
      refundDue: usd(200),
      recoveryDue: usd(0),
    });
  });

  it('never goes beyond what is left of the paid total', () => {
    const settlement = buildSettlement('ESCALATION', [line('REFUND', 500)], context(1000, 700), 'ADDITIONAL');
    expect(settlement).toMatchObject({ entitled: usd(300), refundDue: usd(300), recoveryDue: usd(0) });
  });

  it('pays nothing when more than was paid is already refunded', () => {
    const settlement = buildSettlement(
      'ESCALATION',
      [line('REFUND', 500)],
      context(1000, 1200),
      'ADDITIONAL',
    );
    expect(settlement).toMatchObject({ entitled: usd(0), refundDue: usd(0), recoveryDue: usd(0) });
  });

  it('applies an agreed cap', () => {
    const settlement = buildSettlement(
      'ESCALATION',
      [line('REFUND', 500)],
      context(1000, 0, 100),
      'ADDITIONAL',
    );
    expect(settlement.refundDue).toEqual(usd(100));
  });
});

describe('lines settled without inspection', () => {
  const item = makeCaseItem({ sku: 'sku-9', quantity: 3, unitPrice: usd(250) });

  it('refunds every unit in full by default', () => {
    expect(fullLine(item)).toEqual({
      sku: 'sku-9',
      quantity: 3,
      grade: null,
      disposition: null,
      outcome: 'REFUND',
      paid: usd(750),
      deduction: usd(0),
      refund: usd(750),
    });
  });

  it('refunds only the given quantity, and nothing for units replaced', () => {
    expect(fullLine(item, 'REFUND', 1)).toMatchObject({ quantity: 1, paid: usd(250), refund: usd(250) });
    expect(fullLine(item, 'REPLACE')).toMatchObject({ outcome: 'REPLACE', paid: usd(750), refund: usd(0) });
  });

  it('refunds every item of the case in full on a timeout', () => {
    const items = [item, makeCaseItem({ sku: 'sku-2', quantity: 1, unitPrice: usd(100) })];
    const settlement = settleFullRefund('INSPECTION_TIMEOUT', items, context(850));
    expect(settlement).toMatchObject({ basis: 'INSPECTION_TIMEOUT', kind: 'REFUND', refundDue: usd(850) });
    expect(settlement.lines.map((each) => each.sku)).toEqual(['sku-9', 'sku-2']);
  });
});

describe('graded units', () => {
  it('takes the wear deduction per unit only from a B unit of a no-reason return', () => {
    expect(gradeOutcome('RETURN_REFUND', 'NO_REASON', 'B_REFURBISH', usd(999), 10)).toEqual({
      outcome: 'REFUND',
      deduction: usd(99),
      refund: usd(900),
    });
    expect(gradeOutcome('REFUND_ONLY', 'QUALITY_ISSUE', 'B_REFURBISH', usd(999), 10).refund).toEqual(
      usd(999),
    );
    expect(gradeOutcome('RETURN_REFUND', 'NO_REASON', 'A_RESELLABLE', usd(999), 10).refund).toEqual(usd(999));
  });

  it('replaces or repairs a good unit without a refund, and refuses a damaged one', () => {
    expect(gradeOutcome('EXCHANGE', 'QUALITY_ISSUE', 'A_RESELLABLE', usd(999), 10)).toEqual({
      outcome: 'REPLACE',
      deduction: usd(0),
      refund: usd(0),
    });
    expect(gradeOutcome('REPAIR', 'QUALITY_ISSUE', 'C_DEFECTIVE', usd(999), 10)).toEqual({
      outcome: 'REPAIR',
      deduction: usd(0),
      refund: usd(0),
    });
    expect(gradeOutcome('RETURN_REFUND', 'NO_REASON', 'MISMATCH', usd(999), 10)).toEqual({
      outcome: 'REFUSED',
      deduction: usd(0),
      refund: usd(0),
    });
  });

  it('multiplies the per-unit deduction and refund by the quantity of the line', () => {
    const settlement = settleInspection({
      caseType: 'RETURN_REFUND',
      reason: 'NO_REASON',
      items: [makeCaseItem({ quantity: 2, unitPrice: usd(999) })],
      units: [{ sku: 'sku-1', quantity: 2, grade: 'B_REFURBISH' }],
      wearDeductionPercent: 10,
      money: context(1998),
    });
    expect(settlement.lines[0]).toMatchObject({
      grade: 'B_REFURBISH',
      disposition: 'REFURBISH',
      paid: usd(1998),
      deduction: usd(198),
      refund: usd(1800),
    });
    expect(settlement).toMatchObject({ basis: 'INSPECTION', refundDue: usd(1800) });
  });

  it('refunds nothing for graded units of a SKU that is not in the case', () => {
    const settlement = settleInspection({
      caseType: 'RETURN_REFUND',
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ unitPrice: usd(999) })],
      units: [{ sku: 'sku-unknown', quantity: 1, grade: 'A_RESELLABLE' }],
      wearDeductionPercent: 10,
      money: context(999),
    });
    expect(settlement.lines[0]).toMatchObject({ sku: 'sku-unknown', paid: usd(0), refund: usd(0) });
    expect(settlement.refundDue).toEqual(usd(0));
  });
});

describe('price protection', () => {
  const item = makeCaseItem({ quantity: 2, unitPrice: usd(1000) });

  it('uses the request price when the item has none, and the item price over the request one', () => {
    const fromRequest = settlePriceProtection([item], usd(900), context(2000));
    expect(fromRequest.lines[0]).toMatchObject({ paid: usd(2000), deduction: usd(0), refund: usd(200) });
    expect(fromRequest).toMatchObject({ basis: 'PRICE_PROTECTION', kind: 'REFUND', refundDue: usd(200) });
    const fromItem = settlePriceProtection(
      [{ ...item, currentUnitPrice: usd(950) }],
      usd(900),
      context(2000),
    );
    expect(fromItem.refundDue).toEqual(usd(100));
  });

  it('refunds nothing when no current price is known', () => {
    expect(settlePriceProtection([item], undefined, context(2000)).refundDue).toEqual(usd(0));
  });
});

describe('turning earlier lines into refunds', () => {
  const previous: SettlementLine[] = [
    { ...line('REFUSED', 0, 2), sku: 'refused', paid: usd(800), deduction: usd(80) },
    { ...line('REFUSED', 0, 1), sku: 'kept-refused', paid: usd(300) },
    { ...line('REPLACE', 0, 1), sku: 'replaced', paid: usd(500) },
  ];
  const money = context(1600, 0);

  it('refunds the converted lines net of their deduction, keeps other refused lines at zero and drops the rest', () => {
    const settlement = settleLinesAsRefund('ESCALATION', previous, (each) => each.sku === 'refused', money);
    expect(settlement.lines.map((each) => [each.sku, each.outcome, each.refund.amount])).toEqual([
      ['refused', 'REFUND', 720],
      ['kept-refused', 'REFUSED', 0],
    ]);
    expect(settlement).toMatchObject({
      basis: 'ESCALATION',
      kind: 'REFUND',
      refundDue: usd(720),
      refusedUnits: 1,
    });
  });

  it('comes on top of the refunds so far', () => {
    const settlement = settleLinesAsRefund(
      'REPLACEMENT_UNAVAILABLE',
      previous,
      (each) => each.sku === 'replaced',
      context(1600, 1000),
    );
    expect(settlement).toMatchObject({ entitled: usd(500), alreadyRefunded: usd(1000), refundDue: usd(500) });
  });

  it('turns lines into replacements without a refund when asked to', () => {
    const settlement = settleLinesAsRefund(
      'REPAIR_CONVERTED',
      previous,
      (each) => each.sku === 'refused',
      money,
      'REPLACE',
    );
    expect(settlement.lines[0]).toMatchObject({ sku: 'refused', outcome: 'REPLACE', refund: usd(0) });
    expect(settlement).toMatchObject({ kind: 'REPLACEMENT', refundDue: usd(0) });
  });
});
