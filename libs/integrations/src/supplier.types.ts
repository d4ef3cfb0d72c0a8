import { Money } from './money.types';

/** A defective unit returned to its supplier (返厂). */
export interface SupplierReturnUnit {
  caseId: string;
  sku: string;
  quantity: number;
  /** What the supplier should credit per unit, when known. */
  unitCost?: Money;
}

/** A return-to-vendor batch to ship; the batch id is its idempotency key. */
export interface ShipBatchRequest {
  supplierId: string;
  batchId: string;
  units: SupplierReturnUnit[];
}

/** The supplier's acknowledgement of a batch; the credit note arrives later by webhook. */
export interface SupplierBatchAck {
  batchId: string;
  supplierId: string;
  status: 'ACKNOWLEDGED' | 'CREDITED';
  acknowledgedAt: string;
  creditNote?: { creditNoteId: string; amount: Money; issuedAt: string };
}
