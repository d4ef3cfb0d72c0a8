import { z } from 'zod';
import { SUPPLIER_BATCH_STATUSES } from '../../../../workflows/supplier-returns.definitions';
import { moneySchema } from '../cases/case-view.schema';
import { namedSchema } from '../common/openapi-components';

// The answers of the supplier-returns endpoints as OpenAPI components (a generated client types them).

const instant = () => z.iso.datetime({ offset: true });

/** A batch as the supplier-returns workflow keeps it (workflows' SupplierBatch). */
export const supplierBatchSchema = z.object({
  batchId: z.string().meta({ example: 'RTV-s-1-1-r3f9a0c2e' }),
  supplierId: z.string(),
  status: z.enum(SUPPLIER_BATCH_STATUSES),
  units: z.array(
    z.object({
      unitId: z.string(),
      caseId: z.string(),
      sku: z.string(),
      quantity: z.int(),
      unitCost: moneySchema,
    }),
  ),
  openedAt: instant(),
  shippedAt: instant().optional(),
  creditNote: z.object({ creditNoteId: z.string(), amount: moneySchema, recordedAt: instant() }).optional(),
  attempts: z.int().optional().describe('shipments the supplier refused so far'),
  lastError: z
    .object({ code: z.string(), message: z.string(), at: instant() })
    .optional()
    .describe("the supplier's last refusal, while the batch waits to ship again"),
  nextAttemptAt: instant().optional(),
});

/** `POST /v1/supplier-returns/{batchId}/credit`: the batch with its credit note (an item of the list). */
export const SUPPLIER_BATCH_SCHEMA = namedSchema('SupplierBatch', supplierBatchSchema);

/** `GET /v1/supplier-returns`: the batches with their units and credit. */
export const SUPPLIER_BATCHES_SCHEMA = namedSchema('SupplierBatches', {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: SUPPLIER_BATCH_SCHEMA } },
});
