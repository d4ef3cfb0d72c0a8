import { z } from 'zod';
import { SUPPLIER_BATCH_STATUSES } from '../../../../workflows/supplier-returns.definitions';
import { identifier, moneyAtLeast } from '../common/field-patterns';

/** `POST /v1/supplier-returns/{batchId}/credit` (supplier, ops): the supplier's credit note. */
export const supplierCreditSchema = z.object({
  creditNoteId: identifier(),
  amount: moneyAtLeast(1),
});

/** `GET /v1/supplier-returns` query. */
export const supplierReturnsQuerySchema = z.object({
  supplierId: identifier().optional(),
  status: z.enum(SUPPLIER_BATCH_STATUSES).optional(),
});

/** A validated credit note body. */
export type SupplierCreditBody = z.infer<typeof supplierCreditSchema>;
/** A validated supplier-returns query. */
export type SupplierReturnsQuery = z.infer<typeof supplierReturnsQuerySchema>;
