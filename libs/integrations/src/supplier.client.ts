import { z } from 'zod';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import { moneyResponse } from './response.schemas';
import { ShipBatchRequest, SupplierBatchAck } from './supplier.types';

const batchResponse: z.ZodType<SupplierBatchAck> = z.object({
  batchId: z.string().min(1),
  supplierId: z.string(),
  status: z.enum(['ACKNOWLEDGED', 'CREDITED']),
  acknowledgedAt: z.string(),
  creditNote: z.object({ creditNoteId: z.string(), amount: moneyResponse, issuedAt: z.string() }).optional(),
});

/** The supplier: takes return-to-vendor batches; issues credit notes later (webhook). */
export class SupplierClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('supplier', options);
  }

  /** Ships a batch; idempotent on `batchId` (the same batch with other units is `IDEMPOTENCY_CONFLICT`). */
  shipBatch(request: ShipBatchRequest, options?: CallOptions): Promise<SupplierBatchAck> {
    return this.http.send(
      {
        operation: 'shipBatch',
        method: 'POST',
        path: '/batches',
        idempotencyKey: request.batchId,
        body: request,
        response: batchResponse,
      },
      options,
    );
  }

  /** Reads a batch and its credit note, if issued. */
  getBatch(batchId: string, options?: CallOptions): Promise<SupplierBatchAck> {
    return this.http.send(
      {
        operation: 'getBatch',
        method: 'GET',
        path: `/batches/${encodeURIComponent(batchId)}`,
        response: batchResponse,
      },
      options,
    );
  }
}
