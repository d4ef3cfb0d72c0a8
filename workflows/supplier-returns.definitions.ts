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

/**
 * Where a batch stands: `OPEN` takes units; `SHIPPING` is sealed (its units are fixed) and being
 * shipped, or waiting to be shipped again after the supplier refused it; then `SHIPPED`, `CREDITED`.
 */
export type SupplierBatchStatus = (typeof SUPPLIER_BATCH_STATUSES)[number];

/** Every {@link SupplierBatchStatus}, in the order a batch goes through them. */
export const SUPPLIER_BATCH_STATUSES = ['OPEN', 'SHIPPING', 'SHIPPED', 'CREDITED'] as const;

/** Why the supplier did not take a sealed batch on its last attempt (kept until it ships). */
export interface SupplierShipmentError {
  code: string;
  message: string;
  at: string;
}

/** A batch of units shipped (or about to be) to the supplier, and its credit note once issued. */
export interface SupplierBatch {
  batchId: string;
  supplierId: string;
  status: SupplierBatchStatus;
  units: SupplierReturnUnit[];
  openedAt: string;
  shippedAt?: string;
  creditNote?: { creditNoteId: string; amount: BatchMoney; recordedAt: string };
  /** Shipments tried and refused for good so far (a sealed batch). */
  attempts?: number;
  /** The last refusal, while the batch waits to be shipped again (for ops). */
  lastError?: SupplierShipmentError;
  /** When the next attempt is due, while the batch waits after a refusal. */
  nextAttemptAt?: string;
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
  /** Tags this run and its continuations in every batch id, so a new run never repeats an earlier id. */
  runTag?: string;
  batches?: SupplierBatch[];
}

/** Workflow id of a supplier's return workflow. */
export const supplierReturnsWorkflowId = (supplierId: string) => `supplier-returns-${supplierId}`;

/**
 * Batch ids are `RTV-<supplierId>-<n>-r<tag>` (`RTV-<supplierId>-<n>` before run tags), so a credit note
 * finds its supplier's workflow and no two runs of a supplier's workflow use the same id.
 */
export const supplierBatchId = (supplierId: string, batchNo: number, runTag?: string) =>
  runTag === undefined ? `RTV-${supplierId}-${batchNo}` : `RTV-${supplierId}-${batchNo}-r${runTag}`;

/** The supplier id inside a batch id (of either form), or undefined when it is not one of ours. */
export function supplierIdOfBatch(batchId: string): string | undefined {
  return (/^RTV-(.+)-\d+-r[0-9a-f]{8}$/.exec(batchId) ?? /^RTV-(.+)-\d+$/.exec(batchId))?.[1];
}

/** A run tag for {@link supplierBatchId}: eight hex digits (from the workflow's `uuid4()`). */
export const runTagOf = (uuid: string) => uuid.replace(/-/g, '').slice(0, 8);

/** Adds defective units to the supplier's open batch (used with signal-with-start). */
export const addSupplierReturnUnitsSignal = defineSignal<[SupplierReturnUnit[]]>('addSupplierReturnUnits');

/** Records the credit note of a shipped batch; rejected when the batch is unknown or not shipped. */
export const recordSupplierCreditUpdate = defineUpdate<SupplierBatch, [CreditNoteInput]>(
  'recordSupplierCredit',
);

/** The supplier's batches: the open one, shipped ones awaiting credit, and recently credited ones. */
export const supplierBatchesQuery = defineQuery<SupplierBatch[]>('supplierBatches');
