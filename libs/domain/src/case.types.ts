import { Money } from './money';

/** The kinds of after-sales case (DOMAIN.md). */
export const CASE_TYPES = ['RETURN_REFUND', 'REFUND_ONLY', 'EXCHANGE', 'REPAIR', 'PRICE_PROTECTION'] as const;
/** A kind of after-sales case: 退货退款, 仅退款, 换货, 维修/保修, 价格保护. */
export type CaseType = (typeof CASE_TYPES)[number];

/** Why the customer asks (DOMAIN.md). */
export const REASONS = [
  'NO_REASON',
  'QUALITY_ISSUE',
  'DAMAGED_IN_TRANSIT',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'MISSING_PARTS',
  'SPOILED',
  'PRICE_DROP',
] as const;
/** Why the customer asks. */
export type Reason = (typeof REASONS)[number];

/** The reasons that are the merchant's fault (三包 quality problems): freight on the merchant. */
export const QUALITY_REASONS = [
  'QUALITY_ISSUE',
  'DAMAGED_IN_TRANSIT',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'MISSING_PARTS',
] as const satisfies readonly Reason[];
/** A quality-problem reason. */
export type QualityReason = (typeof QUALITY_REASONS)[number];

/** Whether a reason is a quality problem (the merchant's fault). */
export function isQualityReason(reason: Reason): reason is QualityReason {
  return (QUALITY_REASONS as readonly Reason[]).includes(reason);
}

/** Item categories (DOMAIN.md). */
export const CATEGORIES = ['GENERAL', 'ELECTRONICS', 'FRESH', 'CUSTOM', 'DIGITAL', 'PERIODICAL'] as const;
/** An item category. */
export type Category = (typeof CATEGORIES)[number];

/** Categories excluded from the no-reason return by law. */
export const NO_REASON_EXCLUDED_CATEGORIES = [
  'CUSTOM',
  'FRESH',
  'DIGITAL',
  'PERIODICAL',
] as const satisfies readonly Category[];

/** Customer tiers: a TRUSTED customer gets auto-approval and fast refunds. */
export const CUSTOMER_TIERS = ['STANDARD', 'TRUSTED'] as const;
/** A customer tier. */
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** How the goods come back: doorstep pickup, the customer ships them, or nothing is shipped. */
export const RETURN_METHODS = ['PICKUP', 'SELF_SHIP', 'NONE'] as const;
/** How the goods come back. */
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/** The statuses of a case, exactly API.md's list. */
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
/** The status of a case. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses a case never leaves. */
export const TERMINAL_STATUSES = [
  'COMPLETED',
  'CANCELLED',
  'CLOSED',
] as const satisfies readonly CaseStatus[];

/** Whether the status is terminal (COMPLETED, CANCELLED, CLOSED). */
export function isTerminalStatus(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly CaseStatus[]).includes(status);
}

/** Inspection grades of one unit (质检). */
export const GRADES = [
  'A_RESELLABLE',
  'B_REFURBISH',
  'C_DEFECTIVE',
  'D_CUSTOMER_DAMAGED',
  'MISMATCH',
] as const;
/** The inspection grade of one unit. */
export type Grade = (typeof GRADES)[number];

/** What happens to a returned unit. */
export const DISPOSITIONS = ['RESTOCK', 'REFURBISH', 'RETURN_TO_SUPPLIER', 'RETURN_TO_CUSTOMER'] as const;
/** What happens to a returned unit. */
export type Disposition = (typeof DISPOSITIONS)[number];

/** Why a case ended in CLOSED. */
export const CLOSED_REASONS = [
  'RETURN_NOT_SHIPPED',
  'ESCALATION_WINDOW_EXPIRED',
  'ARBITRATION_MERCHANT_FAVOR',
] as const;
/** Why a case ended in CLOSED. */
export type ClosedReason = (typeof CLOSED_REASONS)[number];

/** Roles of the bearer tokens (API.md) plus `system` for the workflow's own timers and steps. */
export const ACTOR_ROLES = [
  'customer',
  'merchant',
  'warehouse',
  'carrier',
  'refund_system',
  'supplier',
  'ops',
  'system',
] as const;
/** Who acts. */
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who caused an event. */
export interface Actor {
  readonly role: ActorRole;
  readonly id: string;
}

/** The actor of timers and automatic steps of the workflow. */
export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'aftersales' };

/** One line of the case: a SKU, how many, at what paid unit price. */
export interface CaseItem {
  /** Contract v1.1: the order line the item is (absent in cases requested before v1.1). */
  readonly lineId?: string;
  readonly sku: string;
  readonly quantity: number;
  /** The unit price the customer paid. */
  readonly unitPrice: Money;
  readonly category: Category;
  readonly supplierId?: string;
  /** Warranty of the item; the profile's `defaultWarrantyMonths` when absent. */
  readonly warrantyMonths?: number;
  /** Electronics only: portable devices must report visible defects sooner; true when absent. */
  readonly portable?: boolean;
  /** Price protection: the current unit price of this item (overrides the request's `currentUnitPrice`). */
  readonly currentUnitPrice?: Money;
}

/** Evidence attached by the customer. */
export interface Evidence {
  readonly kind: 'PHOTO' | 'VIDEO' | 'DOCUMENT' | 'TEXT';
  readonly url: string;
}

/** A pickup address (free extra fields allowed). */
export interface Address {
  readonly name: string;
  readonly phone: string;
  readonly line1: string;
  readonly city: string;
  readonly [field: string]: unknown;
}

/**
 * A case's request as the rules read it. Since contract v1.1 the API builds it from the body (order,
 * lines, type, reason, return method, evidence) and the order system's facts (prices, dates,
 * categories, customer, merchant, tier, current prices). Times are ISO 8601.
 */
export interface CaseRequest {
  readonly requestId: string;
  readonly orderId: string;
  readonly merchantId: string;
  readonly customerId: string;
  readonly type: CaseType;
  readonly reason: Reason;
  readonly items: readonly CaseItem[];
  readonly paidAt: string;
  readonly deliveredAt?: string;
  readonly returnMethod: ReturnMethod;
  readonly pickupAddress?: Address;
  /** Contract v1.1: where the order was shipped (where a replacement goes), from the order system. */
  readonly shipTo?: Address;
  readonly shippingInsurance?: boolean;
  readonly customerTier?: CustomerTier;
  readonly currentUnitPrice?: Money;
  readonly evidence?: readonly Evidence[];
  readonly description?: string;
}

/** Throws at compile time when a switch over a union misses a member; at run time, names the value. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
