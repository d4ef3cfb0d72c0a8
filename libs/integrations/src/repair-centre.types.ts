/** A unit to send for repair. */
export interface OpenRepairRequest {
  idempotencyKey: string;
  caseId: string;
  sku: string;
  faultDescription?: string;
}

/** Where a repair stands. */
export type RepairStatus = 'IN_PROGRESS' | 'REPAIRED' | 'FAILED';

/** A repair order. */
export interface Repair {
  repairId: string;
  caseId: string;
  sku: string;
  status: RepairStatus;
  /** When the repair centre expects to finish. */
  expectedBy: string;
  completedAt?: string;
}
