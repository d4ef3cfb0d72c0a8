import { z } from 'zod';
import { FileClaimRequest, InsuranceClaim } from './insurance.types';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import { moneyResponse } from './response.schemas';

const claimResponse: z.ZodType<InsuranceClaim> = z.object({
  claimId: z.string().min(1),
  caseId: z.string(),
  status: z.literal('PAID'),
  paidAmount: moneyResponse,
  paidAt: z.string(),
});

/** Return-shipping insurance (退货运费险): reimburses the customer's return freight once the carrier picks up. */
export class InsuranceClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('insurance', options);
  }

  /** Files a claim; a repeat with the same key returns the first claim and pays nothing more. */
  fileClaim(request: FileClaimRequest, options?: CallOptions): Promise<InsuranceClaim> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'fileClaim',
        method: 'POST',
        path: '/claims',
        idempotencyKey,
        body,
        response: claimResponse,
      },
      options,
    );
  }
}
