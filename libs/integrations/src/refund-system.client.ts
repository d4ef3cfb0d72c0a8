import { z } from 'zod';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import { moneyResponse } from './response.schemas';
import { CreateRefundRequest, Refund } from './refund-system.types';

const refundResponse: z.ZodType<Refund> = z.object({
  refundId: z.string().min(1),
  idempotencyKey: z.string(),
  caseId: z.string(),
  refundNo: z.union([z.number(), z.string()]),
  amount: moneyResponse,
  status: z.enum(['PENDING', 'SUCCEEDED']),
  createdAt: z.string(),
  completedAt: z.string().optional(),
});

/** The refund system: pays refunds to the original payment, once per idempotency key. */
export class RefundSystemClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('refund-system', options);
  }

  /**
   * Asks for a refund. A repeat with the same key returns the first refund and pays nothing; the
   * same key with another amount is refused with `IDEMPOTENCY_CONFLICT`.
   */
  createRefund(request: CreateRefundRequest, options?: CallOptions): Promise<Refund> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'createRefund',
        method: 'POST',
        path: '/refunds',
        idempotencyKey,
        body,
        response: refundResponse,
      },
      options,
    );
  }

  /** Reads a refund, to follow a `PENDING` one to `SUCCEEDED`. */
  getRefund(refundId: string, options?: CallOptions): Promise<Refund> {
    return this.http.send(
      {
        operation: 'getRefund',
        method: 'GET',
        path: `/refunds/${encodeURIComponent(refundId)}`,
        response: refundResponse,
      },
      options,
    );
  }
}
