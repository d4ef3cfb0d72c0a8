import { z } from 'zod';
import { warehouseReceiptSchema as domainWarehouseReceiptSchema } from '../../../../libs/domain/src';
import { identifier } from '../common/field-patterns';

/** `POST /v1/warehouse/receipts` (warehouse): a parcel scanned at the dock; the time is the service's. */
export const warehouseReceiptSchema = domainWarehouseReceiptSchema
  .extend({ receiptId: identifier(), warehouseId: identifier(), trackingNumber: identifier() })
  .strict();
/** A validated dock receipt. */
export type WarehouseReceiptBody = z.infer<typeof warehouseReceiptSchema>;
