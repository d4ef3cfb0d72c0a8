import { z } from 'zod';
import { identifier, moneyAtLeast } from '../common/field-patterns';

/** `POST /v1/supplier-returns/{batchId}/credit` (supplier, ops): the supplier's credit note. */
export const supplierCreditSchema = z.object({
  creditNoteId: identifier(),
  amount: moneyAtLeast(1),
});

/** `GET /v1/supplier-returns` query. */
export const supplierReturnsQuerySchema = z.object({
  supplierId: identifier().optional(),
  status: z.enum(['OPEN', 'SHIPPED', 'CREDITED']).optional(),
});

/** A validated credit note body. */
export type SupplierCreditBody = z.infer<typeof supplierCreditSchema>;
/** A validated supplier-returns query. */
export type SupplierReturnsQuery = z.infer<typeof supplierReturnsQuerySchema>;
