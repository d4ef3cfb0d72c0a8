import { Disposition, Grade } from './case.types';
import { Money } from './money';

/** What a settlement gives the customer. */
export const SETTLEMENT_KINDS = ['REFUND', 'REPLACEMENT', 'REPAIR', 'NONE'] as const;
/** What a settlement gives the customer. */
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];

/** What a settlement was decided on. */
export const SETTLEMENT_BASES = [
  /** The warehouse's per-unit grades. */
  'INSPECTION',
  /** The warehouse did not inspect in time: full refund [platform: Taobao]. */
  'INSPECTION_TIMEOUT',
  /** A fresh-food claim: refund without return. */
  'FRESH_CLAIM',
  /** Price protection: the price difference. */
  'PRICE_PROTECTION',
  /** Ops ruled for the customer with a refund amount (refund without return) or on refused units. */
  'ARBITRATION',
  /** The merchant settled an escalation of units refused at inspection. */
  'ESCALATION',
  /** No stock for the replacement: refund instead (compensation). */
  'REPLACEMENT_UNAVAILABLE',
  /** Two failed repairs or a repair too long: exchange or refund. */
  'REPAIR_CONVERTED',
] as const;
/** What a settlement was decided on. */
export type SettlementBasis = (typeof SETTLEMENT_BASES)[number];

/** What happens to one line of units. */
export type LineOutcome = 'REFUND' | 'REPLACE' | 'REPAIR' | 'REFUSED';

/** Units of one SKU with the same grade and outcome. */
export interface SettlementLine {
  readonly sku: string;
  readonly quantity: number;
  readonly grade: Grade | null;
  readonly disposition: Disposition | null;
  readonly outcome: LineOutcome;
  /** What the customer paid for these units. */
  readonly paid: Money;
  /** The wear deduction taken (B_REFURBISH of a no-reason return), rounded down. */
  readonly deduction: Money;
  /** What these units earn back (0 when replaced, repaired or refused). */
  readonly refund: Money;
}

/** A decided settlement: per line, and the money that moves. */
export interface Settlement {
  readonly basis: SettlementBasis;
  readonly kind: SettlementKind;
  readonly lines: readonly SettlementLine[];
  /** The refund the customer is owed in total under this settlement (after any agreed cap). */
  readonly entitled: Money;
  /** Refunds already requested or paid before this settlement (e.g. a fast refund). */
  readonly alreadyRefunded: Money;
  /** What still has to be refunded: max(0, entitled − alreadyRefunded), never above what is left of the paid total. */
  readonly refundDue: Money;
  /** Refunded beyond the entitlement (a fast refund followed by a bad grade): recorded for recovery, not reversed silently. */
  readonly recoveryDue: Money;
  /** Units refused (D_CUSTOMER_DAMAGED, MISMATCH): the customer may escalate. */
  readonly refusedUnits: number;
}
