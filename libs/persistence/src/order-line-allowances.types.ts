import type { Money } from '../../domain/src/money';

/** A line as the order system reported it, registered once before anything is held on it. */
export interface OrderLineRegistration {
  readonly lineId: string;
  readonly sku: string;
  /** Units ordered. */
  readonly quantity: number;
  /** Paid per unit after discounts. */
  readonly unitPaid: Money;
}

/** Units of one line a case asks to hold. */
export interface LineUnits {
  readonly lineId: string;
  readonly quantity: number;
}

/** Money of one line a refund asks to reserve (a case-level amount split with `splitCaseAmount`). */
export interface LineMoney {
  readonly lineId: string;
  readonly amount: Money;
}

/** The outcome of a reservation: held (or already held by this same request), or refused for one line. */
export type ReservationOutcome<TAvailable> =
  | { readonly reserved: true; readonly replayed: boolean }
  | {
      readonly reserved: false;
      readonly code: 'LINE_ALLOWANCE_EXCEEDED';
      readonly lineId: string;
      readonly available: TAvailable;
    };

/** One line of `GET /v1/orders/{orderId}/allowances` (plus `reserved`, refunds not yet paid). */
export interface StoredLineAllowance {
  readonly lineId: string;
  readonly sku: string;
  readonly ordered: number;
  readonly heldByOpenCases: number;
  readonly returned: number;
  readonly returnable: number;
  readonly paid: Money;
  readonly reserved: Money;
  readonly refunded: Money;
  readonly refundable: Money;
}

/** An id reused for something else (a case reserving other units of a line, a refund id with other amounts). */
export class AllowanceConflictError extends Error {
  override readonly name = 'AllowanceConflictError';
  readonly code = 'ALLOWANCE_ID_CONFLICT';
}

/** A line that was never registered, or of another currency than the amount asked for it. */
export class UnknownOrderLineError extends Error {
  override readonly name = 'UnknownOrderLineError';
  readonly code = 'ORDER_LINE_NOT_REGISTERED';
}
