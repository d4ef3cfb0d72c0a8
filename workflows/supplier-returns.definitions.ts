import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/** Money in integer minor units (the same shape as the domain's). */
export interface BatchMoney {
  amount: number;
  currency: string;
}

/** One defective unit on its way back to its supplier (返厂). `unitId` makes re-sending it harmless. */
export interface SupplierReturnUnit {
  unitId: string;
  caseId: string;
  sku: string;
  quantity: number;
  unitCost: BatchMoney;
}

/** A batch of units shipped (or about to be) to the supplier, and its credit note once issued. */
export interface SupplierBatch {
  batchId: string;
  supplierId: string;
  status: 'OPEN' | 'SHIPPED' | 'CREDITED';
  units: SupplierReturnUnit[];
  openedAt: string;
  shippedAt?: string;
  creditNote?: { creditNoteId: string; amount: BatchMoney; recordedAt: string };
}

/** The supplier's credit note for a shipped batch, as `POST /v1/supplier-returns/{batchId}/credit` sends it. */
export interface CreditNoteInput {
  batchId: string;
  creditNoteId: string;
  amount: BatchMoney;
}

/** Batching rule: ship when this many units wait, or when the oldest has waited this long. */
export interface SupplierBatchPolicy {
  maxUnits: number;
  maxWaitMs: number;
}

/** Input of the per-supplier workflow (also what it carries over when it continues as new). */
export interface SupplierReturnsInput {
  supplierId: string;
  policy: SupplierBatchPolicy;
  nextBatchNo?: number;
  batches?: SupplierBatch[];
}

/** Workflow id of a supplier's return workflow. */
export const supplierReturnsWorkflowId = (supplierId: string) => `supplier-returns-${supplierId}`;

/** Batch ids are `RTV-<supplierId>-<n>`, so a credit note finds its supplier's workflow. */
export const supplierBatchId = (supplierId: string, batchNo: number) => `RTV-${supplierId}-${batchNo}`;

/** The supplier id inside a batch id, or undefined when it is not one of ours. */
export function supplierIdOfBatch(batchId: string): string | undefined {
  return /^RTV-(.+)-\d+$/.exec(batchId)?.[1];
}

/** Adds defective units to the supplier's open batch (used with signal-with-start). */
export const addSupplierReturnUnitsSignal = defineSignal<[SupplierReturnUnit[]]>('addSupplierReturnUnits');

/** Records the credit note of a shipped batch; rejected when the batch is unknown or not shipped. */
export const recordSupplierCreditUpdate = defineUpdate<SupplierBatch, [CreditNoteInput]>(
  'recordSupplierCredit',
);

/** The supplier's batches: the open one, shipped ones awaiting credit, and recently credited ones. */
export const supplierBatchesQuery = defineQuery<SupplierBatch[]>('supplierBatches');
