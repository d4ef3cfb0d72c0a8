import { Money } from './money.types';

/** A refund to pay; `idempotencyKey` is fixed before the first call and reused on every retry. */
export interface CreateRefundRequest {
  idempotencyKey: string;
  caseId: string;
  /** The refund's sequence number within the case (1, 2, ...). */
  refundNo: number;
  amount: Money;
  reason?: string;
}

/** Where a refund stands: `PENDING` (asynchronous refund systems) or `SUCCEEDED` (the money left). */
export type RefundStatus = 'PENDING' | 'SUCCEEDED';

/** A refund as the refund system reports it. */
export interface Refund {
  refundId: string;
  idempotencyKey: string;
  caseId: string;
  refundNo: number | string;
  amount: Money;
  status: RefundStatus;
  createdAt: string;
  completedAt?: string;
}
