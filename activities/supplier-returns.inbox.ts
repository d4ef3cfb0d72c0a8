import { Money } from '../libs/domain/src';

/** One defective unit on its way back to its supplier (返厂); `unitId` makes re-sending it harmless. */
export interface ReturnedUnit {
  unitId: string;
  caseId: string;
  sku: string;
  quantity: number;
  unitCost: Money;
}

/** When a supplier's batch ships: once this many units wait, or once the oldest waited this long. */
export interface BatchRule {
  maxUnits: number;
  maxWaitMs: number;
}

/** Units handed to one supplier's batching, and the task queue its batching runs on. */
export interface ReturnedUnits {
  supplierId: string;
  policy: BatchRule;
  units: ReturnedUnit[];
  taskQueue: string;
}

/**
 * The port through which the activities hand defective units to their supplier's batching (the
 * worker wires it to the supplier-returns workflow); adding the same unit twice adds it once.
 */
export interface SupplierReturnsInbox {
  add(returned: ReturnedUnits): Promise<void>;
}
