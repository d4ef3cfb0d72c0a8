import type { AbuseSignals, RiskFlag } from './abuse-signals';
import { Actor, CaseRequest, ClosedReason, Disposition, Evidence, Grade } from './case.types';
import { EligibilityAssessment } from './eligibility';
import { Money } from './money';
import { PolicyProfile } from './policy.schema';
import { Settlement } from './settlement.types';
import type { StepRefusedData, StepResolvedData, StepRetriedData } from './step-attention.events';
import type { CarrierScanRecordedData, WarehouseReceiptRecordedData } from './shipment.events';

/** The names of the case's domain events (stable: they are stored). */
export const CaseEventTypes = {
  CASE_REQUESTED: 'CASE_REQUESTED',
  CASE_APPROVED: 'CASE_APPROVED',
  CASE_REJECTED: 'CASE_REJECTED',
  CASE_ESCALATED: 'CASE_ESCALATED',
  ARBITRATION_OPENED: 'ARBITRATION_OPENED',
  ARBITRATION_RULED: 'ARBITRATION_RULED',
  PICKUP_BOOKED: 'PICKUP_BOOKED',
  PICKUP_CANCELLED: 'PICKUP_CANCELLED',
  RETURN_SHIPMENT_REGISTERED: 'RETURN_SHIPMENT_REGISTERED',
  CARRIER_SCAN_RECORDED: 'CARRIER_SCAN_RECORDED',
  WAREHOUSE_RECEIPT_RECORDED: 'WAREHOUSE_RECEIPT_RECORDED',
  INSURANCE_CLAIM_FILED: 'INSURANCE_CLAIM_FILED',
  INSURANCE_CLAIM_PAID: 'INSURANCE_CLAIM_PAID',
  FAST_REFUND_GRANTED: 'FAST_REFUND_GRANTED',
  INSPECTION_RECORDED: 'INSPECTION_RECORDED',
  SETTLEMENT_DECIDED: 'SETTLEMENT_DECIDED',
  REFUND_REQUESTED: 'REFUND_REQUESTED',
  REFUND_SUCCEEDED: 'REFUND_SUCCEEDED',
  REFUND_FAILED: 'REFUND_FAILED',
  REPLACEMENT_RESERVED: 'REPLACEMENT_RESERVED',
  REPLACEMENT_SHIPPED: 'REPLACEMENT_SHIPPED',
  REPLACEMENT_UNAVAILABLE: 'REPLACEMENT_UNAVAILABLE',
  REPAIR_STARTED: 'REPAIR_STARTED',
  REPAIR_FAILED: 'REPAIR_FAILED',
  REPAIR_COMPLETED: 'REPAIR_COMPLETED',
  REPAIR_CONVERTED: 'REPAIR_CONVERTED',
  SUPPLIER_RETURN_QUEUED: 'SUPPLIER_RETURN_QUEUED',
  SUPPLIER_RETURN_SHIPPED: 'SUPPLIER_RETURN_SHIPPED',
  SUPPLIER_RETURN_CREDITED: 'SUPPLIER_RETURN_CREDITED',
  CASE_CANCELLED: 'CASE_CANCELLED',
  SLA_BREACHED: 'SLA_BREACHED',
  CASE_COMPLETED: 'CASE_COMPLETED',
  CASE_CLOSED: 'CASE_CLOSED',
  OPS_ACTION_RECORDED: 'OPS_ACTION_RECORDED',
  STEP_REFUSED: 'STEP_REFUSED',
  STEP_RETRIED: 'STEP_RETRIED',
  STEP_RESOLVED: 'STEP_RESOLVED',
} as const;
/** The name of a case domain event. */
export type CaseEventType = (typeof CaseEventTypes)[keyof typeof CaseEventTypes];
/** Every case event name. */
export const CASE_EVENT_TYPES = Object.values(CaseEventTypes) as readonly CaseEventType[];

/** Who approved a case. */
export type ApprovedBy = 'AUTO' | 'MERCHANT' | 'TIMEOUT' | 'ARBITRATION';
/** The clocks whose expiry only raises an alert (the case is flagged as stuck). */
export type SlaClock = 'REFUND_AFTER_INSPECTION' | 'REPLACEMENT_SHIP';
/** Ops' interventions recorded in the log. */
export type OpsAction = 'RESET' | 'RETRY_REFUND' | 'REPLAY' | 'CLEAR_FLAGS' | 'NOTE';

/** The customer opened the case; eligibility was assessed under the policy and profile it keeps for life. */
export interface CaseRequestedData {
  caseId: string;
  request: CaseRequest;
  eligibility: EligibilityAssessment;
  policyVersion: string;
  /** The merchant's profile name and values at request time: later decisions use these, never a newer file. */
  profileName: string;
  profile: PolicyProfile;
  timeZone: string;
  /** Set when the merchant must answer (not auto-approved). */
  merchantRespondBy: string | null;
  /** Added (v1.1): what switched automation off for the case (absent: nothing). */
  riskFlags?: RiskFlag[];
  /** Added (v1.1): the customer's abuse signals counted at request time, and the thresholds they passed. */
  abuseSignals?: AbuseSignals & { exceeded: string[] };
}
/** The case was approved. */
export interface CaseApprovedData {
  by: ApprovedBy;
  decisionId?: string;
  rulingId?: string;
  note?: string;
  /** A merchant-proposed (or ruled) partial refund: caps what the case refunds in total. */
  refundAmount?: Money;
  /** Whether the goods come back now (false: refund without return, or units already back). */
  returnRequired: boolean;
  customerShipBy: string | null;
}
/** The merchant rejected the request, or inspection refused units. */
export interface CaseRejectedData {
  by: 'MERCHANT' | 'INSPECTION';
  decisionId?: string;
  note?: string;
  /** The customer may escalate until then. */
  escalateBy: string;
}
/** The customer escalated to the platform (平台介入). */
export interface CaseEscalatedData {
  escalationId: string;
  note: string;
  evidence: Evidence[];
  merchantAnswerBy: string;
}
/** Ops must rule: the merchant did not answer the escalation in time, or maintained the rejection. */
export interface ArbitrationOpenedData {
  cause: 'MERCHANT_DID_NOT_ANSWER' | 'MERCHANT_MAINTAINED_REJECTION';
  decisionId?: string;
  note?: string;
}
/** Ops ruled. CUSTOMER_FAVOR is followed by CASE_APPROVED (by ARBITRATION), MERCHANT_FAVOR by CASE_CLOSED. */
export interface ArbitrationRuledData {
  rulingId: string;
  ruling: 'CUSTOMER_FAVOR' | 'MERCHANT_FAVOR';
  refundAmount?: Money;
  note: string;
}
/** A doorstep pickup was booked with a carrier. */
export interface PickupBookedData {
  bookingId: string;
  carrier: string;
  trackingNumber: string;
}
/** The pickup booking was cancelled (compensation of a cancellation or a closed case). */
export interface PickupCancelledData {
  bookingId: string;
  reason: string;
}
/** The customer shipped the return themselves. */
export interface ReturnShipmentRegisteredData {
  carrier: string;
  trackingNumber: string;
}
/** A return-shipping insurance claim was filed at pickup. */
export interface InsuranceClaimFiledData {
  claimId: string;
}
/** The insurer reimbursed the freight to the customer. */
export interface InsuranceClaimPaidData {
  claimId: string;
  amount: Money;
}
/** A fast refund (极速退款) was granted at pickup; its REFUND_REQUESTED follows. */
export interface FastRefundGrantedData {
  refundId: string;
  amount: Money;
}
/** One graded line of an inspection. */
export interface InspectedUnits {
  sku: string;
  quantity: number;
  grade: Grade;
  disposition: Disposition;
  notes?: string;
  /** The case line of the units, when the warehouse named it; links to photos of them (https). */
  lineId?: string;
  photos?: string[];
}
/** The warehouse recorded receipt and the per-unit grades. */
export interface InspectionRecordedData {
  inspectionId: string;
  warehouseId: string;
  inspector: string;
  units: InspectedUnits[];
}
/** The case's resolution was decided, with the deadlines of what follows. */
export type SettlementDecidedData = Settlement & {
  /** Refund-after-inspection SLA (set when a refund is due after goods came back). */
  refundBy: string | null;
  /** Replacement-ship SLA. */
  replacementShipBy: string | null;
  /** A repair taking longer turns into an exchange or refund. */
  repairBy: string | null;
};
/** Why a refund is paid. */
export type RefundPurpose = 'FAST_REFUND' | 'SETTLEMENT';
/** A refund is to be paid; the idempotency key is fixed here, before the first call, and reused on every retry. */
export interface RefundRequestedData {
  refundId: string;
  idempotencyKey: string;
  amount: Money;
  purpose: RefundPurpose;
}
/** The refund system paid the refund. */
export interface RefundSucceededData {
  refundId: string;
  externalRef?: string;
}
/** The refund system refused the refund for good (retries exhausted or non-retryable): ops must look. */
export interface RefundFailedData {
  refundId: string;
  errorCode: string;
  message: string;
}
/** Stock was reserved for the replacement: one reservation per unit line (v1 stored them comma-joined). */
export interface ReplacementReservedData {
  reservationIds: string[];
}
/** The replacement was shipped to the customer. */
export interface ReplacementShippedData {
  carrier: string;
  trackingNumber: string;
}
/** No stock for the replacement: a refund follows (SETTLEMENT_DECIDED, basis REPLACEMENT_UNAVAILABLE). */
export interface ReplacementUnavailableData {
  reason: string;
}
/** The goods went to the repair centre (attempt from 1). */
export interface RepairStartedData {
  repairId: string;
  attempt: number;
}
/** A repair attempt failed. */
export interface RepairFailedData {
  repairId: string;
  attempt: number;
  reason: string;
}
/** The repaired goods were shipped back. */
export interface RepairCompletedData {
  repairId: string;
  carrier?: string;
  trackingNumber?: string;
}
/** Two failed repairs or a repair too long: an exchange or refund follows (SETTLEMENT_DECIDED). */
export interface RepairConvertedData {
  cause: 'REPEATED_FAILURES' | 'TOO_LONG';
  to: 'EXCHANGE' | 'REFUND';
}
/** A defective unit going back to its supplier. */
export interface SupplierReturnUnitData {
  unitId: string;
  sku: string;
  quantity: number;
  unitCost: Money;
}
/** Defective units were queued for return to their supplier (返厂); the batch id comes when it ships. */
export interface SupplierReturnQueuedData {
  supplierId: string;
  units: SupplierReturnUnitData[];
}
/** The supplier batch holding the case's units shipped. */
export interface SupplierReturnShippedData {
  supplierId?: string;
  batchId: string;
}
/** The supplier's credit note closed the batch. */
export interface SupplierReturnCreditedData {
  batchId: string;
  creditNoteId: string;
  amount?: Money;
}
/** The customer cancelled; a PICKUP_CANCELLED follows when a pickup was booked. */
export interface CaseCancelledData {
  note?: string;
}
/** An alert-only clock expired: the case is flagged as stuck. */
export interface SlaBreachedData {
  clock: SlaClock;
  dueAt: string;
}
/** The case ended well. */
export interface CaseCompletedData {
  resolution: 'REFUND' | 'REPLACEMENT' | 'REPAIR' | 'NONE';
}
/** The case ended without a resolution. */
export interface CaseClosedData {
  reason: ClosedReason;
}
/** Ops intervened (reset, refund retry, replay, flags cleared, a note). */
export interface OpsActionRecordedData {
  action: OpsAction;
  reason: string;
  refundId?: string;
}

/** The data of each event type. */
export interface CaseEventDataMap {
  CASE_REQUESTED: CaseRequestedData;
  CASE_APPROVED: CaseApprovedData;
  CASE_REJECTED: CaseRejectedData;
  CASE_ESCALATED: CaseEscalatedData;
  ARBITRATION_OPENED: ArbitrationOpenedData;
  ARBITRATION_RULED: ArbitrationRuledData;
  PICKUP_BOOKED: PickupBookedData;
  PICKUP_CANCELLED: PickupCancelledData;
  RETURN_SHIPMENT_REGISTERED: ReturnShipmentRegisteredData;
  CARRIER_SCAN_RECORDED: CarrierScanRecordedData;
  WAREHOUSE_RECEIPT_RECORDED: WarehouseReceiptRecordedData;
  INSURANCE_CLAIM_FILED: InsuranceClaimFiledData;
  INSURANCE_CLAIM_PAID: InsuranceClaimPaidData;
  FAST_REFUND_GRANTED: FastRefundGrantedData;
  INSPECTION_RECORDED: InspectionRecordedData;
  SETTLEMENT_DECIDED: SettlementDecidedData;
  REFUND_REQUESTED: RefundRequestedData;
  REFUND_SUCCEEDED: RefundSucceededData;
  REFUND_FAILED: RefundFailedData;
  REPLACEMENT_RESERVED: ReplacementReservedData;
  REPLACEMENT_SHIPPED: ReplacementShippedData;
  REPLACEMENT_UNAVAILABLE: ReplacementUnavailableData;
  REPAIR_STARTED: RepairStartedData;
  REPAIR_FAILED: RepairFailedData;
  REPAIR_COMPLETED: RepairCompletedData;
  REPAIR_CONVERTED: RepairConvertedData;
  SUPPLIER_RETURN_QUEUED: SupplierReturnQueuedData;
  SUPPLIER_RETURN_SHIPPED: SupplierReturnShippedData;
  SUPPLIER_RETURN_CREDITED: SupplierReturnCreditedData;
  CASE_CANCELLED: CaseCancelledData;
  SLA_BREACHED: SlaBreachedData;
  CASE_COMPLETED: CaseCompletedData;
  CASE_CLOSED: CaseClosedData;
  OPS_ACTION_RECORDED: OpsActionRecordedData;
  STEP_REFUSED: StepRefusedData;
  STEP_RETRIED: StepRetriedData;
  STEP_RESOLVED: StepResolvedData;
}

/** The current schema version of each event type's `data` (bump it and add an upcaster when a shape changes). */
export const CASE_EVENT_SCHEMA_VERSIONS: { readonly [K in CaseEventType]: number } = {
  ...(Object.fromEntries(Object.values(CaseEventTypes).map((type) => [type, 1])) as {
    readonly [K in CaseEventType]: number;
  }),
  // v2: `reservationIds` as an array instead of v1's comma-joined `reservationId`.
  REPLACEMENT_RESERVED: 2,
};

/** The envelope every event is stored in: `{ type, schemaVersion, occurredAt, actor, data }`. */
export interface CaseEventEnvelope<T extends CaseEventType = CaseEventType> {
  readonly type: T;
  readonly schemaVersion: number;
  /** ISO 8601 UTC, the workflow's clock when it happened. */
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly data: CaseEventDataMap[T];
}

/** A case domain event: a discriminated union on `type`. */
export type CaseEvent = { [K in CaseEventType]: CaseEventEnvelope<K> }[CaseEventType];

/** The event of one type. */
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Builds an event at the current schema version. */
export function caseEvent<T extends CaseEventType>(
  type: T,
  data: CaseEventDataMap[T],
  at: { now: Date; actor: Actor },
): CaseEventOf<T> {
  return {
    type,
    schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[type],
    occurredAt: at.now.toISOString(),
    actor: at.actor,
    data,
  } as CaseEventOf<T>;
}

/** Whether `type` names a case event. */
export function isCaseEventType(type: unknown): type is CaseEventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(CASE_EVENT_SCHEMA_VERSIONS, type);
}

/** The event type that opens a case stream. */
export const OPENING_EVENT_TYPE = CaseEventTypes.CASE_REQUESTED;

/**
 * A stored event (`{ type, schemaVersion, occurredAt, actor, data }`, e.g. a `case_events` row) as the
 * current CaseEvent, upcasting older schema versions. Throws RangeError for an unknown type or a
 * version newer than this code knows (a deployment error, not bad input).
 */
export function toCaseEvent(stored: {
  type: string;
  schemaVersion: number;
  occurredAt: string | Date;
  actor: unknown;
  data: unknown;
}): CaseEvent {
  if (!isCaseEventType(stored.type)) throw new RangeError(`unknown case event type ${stored.type}`);
  const current = CASE_EVENT_SCHEMA_VERSIONS[stored.type];
  if (stored.schemaVersion > current) {
    throw new RangeError(`${stored.type} v${stored.schemaVersion} is newer than this code (v${current})`);
  }
  return {
    type: stored.type,
    schemaVersion: current,
    occurredAt: typeof stored.occurredAt === 'string' ? stored.occurredAt : stored.occurredAt.toISOString(),
    actor: stored.actor as Actor,
    data: upcast(stored.type, stored.schemaVersion, stored.data),
  } as CaseEvent;
}

/** Brings the data of an event stored under an older schema version to the current shape. */
function upcast(type: CaseEventType, schemaVersion: number, data: unknown): unknown {
  if (type === 'REPLACEMENT_RESERVED' && schemaVersion < 2) {
    const { reservationId } = data as { reservationId: string };
    return { reservationIds: reservationId.split(',').filter(Boolean) };
  }
  return data;
}
