import type { Money } from '../money';

/** What the order system says of one order line, as far as its allowance goes. */
export interface OrderLineFacts {
  readonly lineId: string;
  /** Units ordered. */
  readonly quantity: number;
  /** Paid per unit after discounts. */
  readonly unitPaid: Money;
}

/**
 * Units of a line one case has taken: `held` when the case was opened; of those, `consumed` for good (a
 * refunded return or refund-only) and `released` back to the line (exchange or repair completed, cancelled,
 * closed without refund, units sent back after a refused grade). What is neither is still held.
 */
export interface QuantityHolding {
  readonly caseId: string;
  readonly held: number;
  readonly consumed: number;
  readonly released: number;
}

/** Where a refund stands against its line: reserved when requested, paid, or given back when given up. */
export type RefundHoldingStatus = 'RESERVED' | 'PAID' | 'GIVEN_BACK';

/** One refund's share of a line (every kind counts except the insurer's shipping payout). */
export interface RefundHolding {
  readonly refundId: string;
  readonly caseId: string;
  readonly amount: Money;
  readonly status: RefundHoldingStatus;
}

/** Everything the cases hold on one line. */
export interface LineHoldings {
  readonly quantities: readonly QuantityHolding[];
  readonly refunds: readonly RefundHolding[];
}

/** What a line still allows, in the terms of `GET /v1/orders/{orderId}/allowances` (plus `reserved`). */
export interface LineAllowance {
  readonly lineId: string;
  readonly ordered: number;
  /** Units open cases hold. */
  readonly heldByOpenCases: number;
  /** Units consumed for good. */
  readonly returned: number;
  /** Units a new case may still take. */
  readonly returnable: number;
  /** `unitPaid` × `ordered`. */
  readonly paid: Money;
  /** Refunds requested and not yet paid or given back. */
  readonly reserved: Money;
  /** Refunds paid. */
  readonly refunded: Money;
  /** Money a new refund may still take: paid − refunded − reserved. */
  readonly refundable: Money;
}

/** The code with which a line refuses a request beyond what it still allows (HTTP 409). */
export const LINE_ALLOWANCE_EXCEEDED = 'LINE_ALLOWANCE_EXCEEDED';

/** Whether a request fits a line: yes, or no with what was still available. */
export type AllowanceCheck<T> =
  | { readonly fits: true }
  | { readonly fits: false; readonly code: typeof LINE_ALLOWANCE_EXCEEDED; readonly available: T };
