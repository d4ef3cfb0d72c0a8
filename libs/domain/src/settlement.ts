import { CaseItem, CaseType, Disposition, Grade, Reason, assertNever } from './case.types';
import { Money, multiplyMoney, percentOfFloor } from './money';
import { LineOutcome, Settlement, SettlementBasis, SettlementKind, SettlementLine } from './settlement.types';

/** What happens to a unit of each grade (DOMAIN.md's inspection table). */
export function dispositionOf(grade: Grade): Disposition {
  switch (grade) {
    case 'A_RESELLABLE':
      return 'RESTOCK';
    case 'B_REFURBISH':
      return 'REFURBISH';
    case 'C_DEFECTIVE':
      return 'RETURN_TO_SUPPLIER';
    case 'D_CUSTOMER_DAMAGED':
    case 'MISMATCH':
      return 'RETURN_TO_CUSTOMER';
    default:
      return assertNever(grade, 'grade');
  }
}

/** Whether a grade refuses the unit (no refund, no replacement, no repair; the customer may escalate). */
export function isRefusedGrade(grade: Grade): boolean {
  return grade === 'D_CUSTOMER_DAMAGED' || grade === 'MISMATCH';
}

/** How totals are read: the whole case's entitlement, or an addition on top of the refunds so far. */
export type SettlementMode = 'TOTAL' | 'ADDITIONAL';

/** The money context of a settlement. */
export interface SettlementMoney {
  /** What the customer paid for the case's items. */
  readonly paid: Money;
  /** Every refund of the case so far (requested, paid or failed-to-be-retried), fast refund included. */
  readonly refundedSoFar: Money;
  /** A merchant-agreed or ruled amount that caps the entitlement (partial refund), if any. */
  readonly cap: Money | null;
}

const outcomeKind = (lines: readonly SettlementLine[]): SettlementKind => {
  if (lines.some((line) => line.outcome === 'REPLACE')) return 'REPLACEMENT';
  if (lines.some((line) => line.outcome === 'REPAIR')) return 'REPAIR';
  if (lines.some((line) => line.outcome === 'REFUND')) return 'REFUND';
  return 'NONE';
};

/**
 * Totals a settlement's lines. In TOTAL mode the entitlement is the case's whole refund: what is still
 * due is entitlement − refunds so far, and a refund beyond it (a fast refund, then a bad grade) is
 * recorded as `recoveryDue`. In ADDITIONAL mode the entitlement comes on top of the refunds so far.
 * Either way the refunds of the case never exceed what was paid and nothing is negative.
 */
export function buildSettlement(
  basis: SettlementBasis,
  lines: readonly SettlementLine[],
  context: SettlementMoney,
  mode: SettlementMode,
): Settlement {
  const { paid, refundedSoFar, cap } = context;
  const currency = paid.currency;
  const linesTotal = lines.reduce((total, line) => total + line.refund.amount, 0);
  const capped = cap === null ? linesTotal : Math.min(linesTotal, cap.amount);
  const left = Math.max(0, paid.amount - refundedSoFar.amount);
  let entitled: number;
  let refundDue: number;
  let recoveryDue: number;
  if (mode === 'TOTAL') {
    entitled = Math.min(capped, paid.amount);
    refundDue = Math.min(Math.max(0, entitled - refundedSoFar.amount), left);
    recoveryDue = Math.max(0, refundedSoFar.amount - entitled);
  } else {
    entitled = Math.min(capped, left);
    refundDue = entitled;
    recoveryDue = 0;
  }
  return {
    basis,
    kind: outcomeKind(lines),
    lines: [...lines],
    entitled: { amount: entitled, currency },
    alreadyRefunded: { amount: refundedSoFar.amount, currency },
    refundDue: { amount: refundDue, currency },
    recoveryDue: { amount: recoveryDue, currency },
    refusedUnits: lines
      .filter((line) => line.outcome === 'REFUSED')
      .reduce((total, line) => total + line.quantity, 0),
  };
}

/** A line of units settled without inspection: full refund (or the given outcome). */
export function fullLine(
  item: CaseItem,
  outcome: LineOutcome = 'REFUND',
  quantity = item.quantity,
): SettlementLine {
  const paid = multiplyMoney(item.unitPrice, quantity);
  const zero = { amount: 0, currency: paid.currency };
  return {
    sku: item.sku,
    quantity,
    grade: null,
    disposition: null,
    outcome,
    paid,
    deduction: zero,
    refund: outcome === 'REFUND' ? paid : zero,
  };
}

/** One graded line of an inspection. */
export interface GradedUnits {
  readonly sku: string;
  readonly quantity: number;
  readonly grade: Grade;
}

/** What a case of this type and reason does with a unit of this grade, and the refund of one unit. */
export function gradeOutcome(
  caseType: CaseType,
  reason: Reason,
  grade: Grade,
  unitPrice: Money,
  wearDeductionPercent: number,
): { outcome: LineOutcome; deduction: Money; refund: Money } {
  const zero = { amount: 0, currency: unitPrice.currency };
  if (isRefusedGrade(grade)) return { outcome: 'REFUSED', deduction: zero, refund: zero };
  switch (caseType) {
    case 'EXCHANGE':
      return { outcome: 'REPLACE', deduction: zero, refund: zero };
    case 'REPAIR':
      return { outcome: 'REPAIR', deduction: zero, refund: zero };
    case 'RETURN_REFUND':
    case 'REFUND_ONLY':
    case 'PRICE_PROTECTION': {
      // Opened goods with minor wear: a no-reason return loses the wear deduction; quality cases get it all.
      const deduction =
        grade === 'B_REFURBISH' && reason === 'NO_REASON'
          ? percentOfFloor(unitPrice, wearDeductionPercent)
          : zero;
      return {
        outcome: 'REFUND',
        deduction,
        refund: { amount: unitPrice.amount - deduction.amount, currency: unitPrice.currency },
      };
    }
    default:
      return assertNever(caseType, 'case type');
  }
}

/**
 * The settlement of an inspection (TOTAL mode): per graded line, A full; B full for quality cases and
 * minus `wearDeductionPercent` (rounded down, in the customer's favour) for NO_REASON; C full (and
 * back to the supplier); D and MISMATCH refused. Exchanges replace and repairs repair the A–C units.
 * The entitlement is capped by an agreed partial refund, and a fast refund already paid counts.
 */
export function settleInspection(input: {
  readonly caseType: CaseType;
  readonly reason: Reason;
  readonly items: readonly CaseItem[];
  readonly units: readonly GradedUnits[];
  readonly wearDeductionPercent: number;
  readonly money: SettlementMoney;
}): Settlement {
  const lines: SettlementLine[] = input.units.map((units) => {
    const item = input.items.find((candidate) => candidate.sku === units.sku);
    const unitPrice = item?.unitPrice ?? { amount: 0, currency: input.money.paid.currency };
    const perUnit = gradeOutcome(
      input.caseType,
      input.reason,
      units.grade,
      unitPrice,
      input.wearDeductionPercent,
    );
    return {
      sku: units.sku,
      quantity: units.quantity,
      grade: units.grade,
      disposition: dispositionOf(units.grade),
      outcome: perUnit.outcome,
      paid: multiplyMoney(unitPrice, units.quantity),
      deduction: multiplyMoney(perUnit.deduction, units.quantity),
      refund: multiplyMoney(perUnit.refund, units.quantity),
    };
  });
  return buildSettlement('INSPECTION', lines, input.money, 'TOTAL');
}

/** A full refund of every item without inspection (inspection timeout, fresh claim, ruling without return), TOTAL mode. */
export function settleFullRefund(
  basis: SettlementBasis,
  items: readonly CaseItem[],
  money: SettlementMoney,
): Settlement {
  return buildSettlement(
    basis,
    items.map((item) => fullLine(item)),
    money,
    'TOTAL',
  );
}

/** Price protection: (paid unit price − current unit price) × quantity per item, never negative, TOTAL mode. */
export function settlePriceProtection(
  items: readonly CaseItem[],
  requestCurrentUnitPrice: Money | undefined,
  money: SettlementMoney,
): Settlement {
  const lines: SettlementLine[] = items.map((item) => {
    const current = item.currentUnitPrice ?? requestCurrentUnitPrice ?? item.unitPrice;
    const perUnit = Math.max(0, item.unitPrice.amount - current.amount);
    const currency = item.unitPrice.currency;
    return {
      sku: item.sku,
      quantity: item.quantity,
      grade: null,
      disposition: null,
      outcome: 'REFUND',
      paid: multiplyMoney(item.unitPrice, item.quantity),
      deduction: { amount: 0, currency },
      refund: { amount: perUnit * item.quantity, currency },
    };
  });
  return buildSettlement('PRICE_PROTECTION', lines, money, 'TOTAL');
}

/**
 * Turns some lines of an earlier settlement into refunds on top of what was refunded (ADDITIONAL
 * mode): refused units after an escalation or ruling, replaced units without stock, repaired units
 * after a failed repair. The other refused lines stay refused.
 */
export function settleLinesAsRefund(
  basis: SettlementBasis,
  previous: readonly SettlementLine[],
  convert: (line: SettlementLine) => boolean,
  money: SettlementMoney,
  to: 'REFUND' | 'REPLACE' = 'REFUND',
): Settlement {
  const lines = previous
    .filter((line) => convert(line) || line.outcome === 'REFUSED')
    .map((line): SettlementLine => {
      if (!convert(line)) return { ...line, refund: { amount: 0, currency: line.paid.currency } };
      const refund =
        to === 'REFUND'
          ? { amount: line.paid.amount - line.deduction.amount, currency: line.paid.currency }
          : { amount: 0, currency: line.paid.currency };
      return { ...line, outcome: to, refund };
    });
  return buildSettlement(basis, lines, money, 'ADDITIONAL');
}
