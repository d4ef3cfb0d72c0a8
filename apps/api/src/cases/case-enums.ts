// The enumerations of DOMAIN.md that the HTTP contract accepts; part of the public contract.

/** Case types. */
export const CASE_TYPES = ['RETURN_REFUND', 'REFUND_ONLY', 'EXCHANGE', 'REPAIR', 'PRICE_PROTECTION'] as const;

/** Reasons a customer gives. */
export const CASE_REASONS = [
  'NO_REASON',
  'QUALITY_ISSUE',
  'DAMAGED_IN_TRANSIT',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'MISSING_PARTS',
  'SPOILED',
  'PRICE_DROP',
] as const;

/** Item categories. */
export const ITEM_CATEGORIES = [
  'GENERAL',
  'ELECTRONICS',
  'FRESH',
  'CUSTOM',
  'DIGITAL',
  'PERIODICAL',
] as const;

/** How the goods come back. */
export const RETURN_METHODS = ['PICKUP', 'SELF_SHIP', 'NONE'] as const;

/** Customer tiers (a `TRUSTED` customer gets auto-approval and fast refunds within the limits). */
export const CUSTOMER_TIERS = ['STANDARD', 'TRUSTED'] as const;

/** Case statuses of API.md. */
export const CASE_STATUSES = [
  'PENDING_MERCHANT_REVIEW',
  'REJECTED',
  'ESCALATED',
  'IN_ARBITRATION',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'AWAITING_INSPECTION',
  'REFUNDING',
  'REPLACING',
  'REPAIRING',
  'COMPLETED',
  'CANCELLED',
  'CLOSED',
] as const;

/** Inspection grades per unit. */
export const INSPECTION_GRADES = [
  'A_RESELLABLE',
  'B_REFURBISH',
  'C_DEFECTIVE',
  'D_CUSTOMER_DAMAGED',
  'MISMATCH',
] as const;

/** Types whose goods go back to the merchant (a return leg with pickup or self-ship). */
export const TYPES_WITH_RETURN_LEG: readonly string[] = ['RETURN_REFUND', 'EXCHANGE', 'REPAIR'];
