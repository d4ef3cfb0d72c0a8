import { z } from 'zod';
import { namedSchema } from '../common/openapi-components';

// The 202 answer of the dock scan as an OpenAPI component (its 200 answer is the CaseView component).

/** `POST /v1/warehouse/receipts` 202: no open case holds the tracking number; kept for ops. */
export const UNMATCHED_RECEIPT_ANSWER_SCHEMA = namedSchema(
  'UnmatchedReceiptAnswer',
  z.object({ receiptId: z.string(), matched: z.literal(false) }),
);
