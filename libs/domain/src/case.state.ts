import {
  ApprovedBy,
  ArbitrationOpenedData,
  ArbitrationRuledData,
  CaseCompletedData,
  InspectionRecordedData,
  RefundPurpose,
  SettlementDecidedData,
  SlaClock,
  SupplierReturnUnitData,
} from './case.events';
import { CaseRequest, CaseStatus, ClosedReason, ReturnMethod } from './case.types';
import { EligibilityAssessment } from './eligibility';
import { Money } from './money';
import { PolicyProfile } from './policy.schema';
import { StepRefusedData } from './step-attention.events';

/** The clocks of a case that run now (ISO 8601 due instants); null when a clock is not running. */
export interface CaseDeadlines {
  /** Merchant response: expiry auto-approves. */
  merchantRespondBy: string | null;
  /** Customer ships the return: expiry closes the case (RETURN_NOT_SHIPPED). */
  customerShipBy: string | null;
  /** Warehouse inspects: expiry refunds in full. */
  inspectBy: string | null;
  /** Customer may escalate a rejection: expiry closes the case. */
  escalateBy: string | null;
  /** Merchant answers an escalation: expiry opens arbitration. */
  merchantAnswerBy: string | null;
  /** Refund after inspection (SLA): expiry flags the case as stuck. */
  refundBy: string | null;
  /** Replacement shipped (SLA): expiry flags the case as stuck. */
  replacementShipBy: string | null;
  /** Repair finished: expiry converts the repair into an exchange or refund. */
  repairBy: string | null;
}

/** No clock running. */
export const NO_DEADLINES: CaseDeadlines = {
  merchantRespondBy: null,
  customerShipBy: null,
  inspectBy: null,
  escalateBy: null,
  merchantAnswerBy: null,
  refundBy: null,
  replacementShipBy: null,
  repairBy: null,
};

/** Where the return parcel stands. */
export type ReturnShipmentStatus =
  'NOT_SHIPPED' | 'BOOKED' | 'SHIPPED' | 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'EXCEPTION' | 'CANCELLED';

/** The return leg. */
export interface ReturnShipmentState {
  method: ReturnMethod;
  carrier: string | null;
  trackingNumber: string | null;
  bookingId: string | null;
  status: ReturnShipmentStatus;
  lastScanAt: string | null;
}

/** Where a refund stands. */
export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One refund of the case. */
export interface RefundRecord {
  refundId: string;
  idempotencyKey: string;
  amount: Money;
  purpose: RefundPurpose;
  status: RefundStatus;
  requestedAt: string;
  settledAt: string | null;
}

/** Why ops should look at the case. */
export type CaseFlag =
  | { kind: 'SLA_BREACHED'; clock: SlaClock; dueAt: string; at: string }
  | { kind: 'REFUND_FAILED'; refundId: string; errorCode: string; at: string }
  | { kind: 'CARRIER_EXCEPTION'; trackingNumber: string; at: string }
  | { kind: 'RECOVERY_DUE'; amount: Money; at: string };

/** A refused step waiting for ops, since when. */
export type StepAttention = StepRefusedData & { since: string };

/** A supplier return of some of the case's units. */
export interface SupplierReturnState {
  supplierId: string;
  batchId: string | null;
  status: 'PENDING' | 'SHIPPED' | 'CREDITED';
  units: SupplierReturnUnitData[];
  creditNoteId: string | null;
}

/** The fold of a case's events: everything the decide functions and the view need. JSON-serialisable. */
export interface CaseState {
  caseId: string | null;
  /** Null before CASE_REQUESTED. */
  status: CaseStatus | null;
  request: CaseRequest | null;
  eligibility: EligibilityAssessment | null;
  policyVersion: string | null;
  profileName: string | null;
  /** The profile values the case was requested under, kept for its whole life. */
  profile: PolicyProfile | null;
  timeZone: string | null;
  deadlines: CaseDeadlines;
  approval: { by: ApprovedBy; at: string; refundCap: Money | null } | null;
  rejection: { by: 'MERCHANT' | 'INSPECTION'; at: string } | null;
  /** The current (or last) escalation and what it contests. */
  escalation: { escalationId: string; at: string; contests: 'MERCHANT' | 'INSPECTION' } | null;
  arbitration: {
    cause: ArbitrationOpenedData['cause'];
    ruling: ArbitrationRuledData['ruling'] | null;
  } | null;
  returnShipment: ReturnShipmentState | null;
  inspection: (InspectionRecordedData & { at: string }) | null;
  /** The latest settlement. */
  settlement: SettlementDecidedData | null;
  /** Units refused at inspection whose refusal the customer may still contest. */
  refusedUnitsOpen: number;
  refunds: RefundRecord[];
  fastRefund: { refundId: string; amount: Money } | null;
  insuranceClaim: { claimId: string; status: 'FILED' | 'PAID'; amount: Money | null } | null;
  replacement: {
    status: 'PENDING' | 'RESERVED' | 'SHIPPED' | 'UNAVAILABLE';
    reservationIds: readonly string[];
    carrier: string | null;
    trackingNumber: string | null;
  } | null;
  repair: {
    status: 'PENDING' | 'IN_REPAIR' | 'COMPLETED' | 'CONVERTED';
    repairId: string | null;
    attempts: number;
    failures: number;
  } | null;
  supplierReturns: SupplierReturnState[];
  flags: CaseFlag[];
  /** Steps an outside system refused for good, waiting for ops (API.md `needsAttention`). */
  needsAttention: StepAttention[];
  /** Step keys ops resolved by hand that the workflow must not run again (nothing else shows them done). */
  waivedSteps: string[];
  /** What switched automation off for the case (API.md `riskFlags`). */
  riskFlags: string[];
  closedReason: ClosedReason | null;
  resolution: CaseCompletedData['resolution'] | null;
  /**
   * Caller ids already applied, namespaced (`request:`, `decision:`, `escalation:`, `ruling:`,
   * `inspection:`, `carrier:`, `receipt:`): a repeat is recognised and changes nothing.
   */
  commandIds: string[];
  /** The number of events folded (the API's `version`). */
  version: number;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The state before any event. */
export const initialCaseState: CaseState = {
  caseId: null,
  status: null,
  request: null,
  eligibility: null,
  policyVersion: null,
  profileName: null,
  profile: null,
  timeZone: null,
  deadlines: NO_DEADLINES,
  approval: null,
  rejection: null,
  escalation: null,
  arbitration: null,
  returnShipment: null,
  inspection: null,
  settlement: null,
  refusedUnitsOpen: 0,
  refunds: [],
  fastRefund: null,
  insuranceClaim: null,
  replacement: null,
  repair: null,
  supplierReturns: [],
  flags: [],
  needsAttention: [],
  waivedSteps: [],
  riskFlags: [],
  closedReason: null,
  resolution: null,
  commandIds: [],
  version: 0,
  createdAt: null,
  updatedAt: null,
};

/** Namespaced keys of caller ids kept in `commandIds`. */
export const commandKey = {
  request: (id: string) => `request:${id}`,
  decision: (id: string) => `decision:${id}`,
  escalation: (id: string) => `escalation:${id}`,
  ruling: (id: string) => `ruling:${id}`,
  inspection: (id: string) => `inspection:${id}`,
  carrierEvent: (id: string) => `carrier:${id}`,
  receipt: (id: string) => `receipt:${id}`,
} as const;

/** Whether a caller id (a `commandKey`) was already applied to the case. */
export function hasApplied(state: CaseState, key: string): boolean {
  return state.commandIds.includes(key);
}

/** What refunds of the case commit (pending or paid; failed ones are not counted until retried). */
export function committedRefunds(state: CaseState): Money {
  const currency = state.request?.items[0].unitPrice.currency ?? 'CNY';
  const amount = state.refunds
    .filter((refund) => refund.status !== 'FAILED')
    .reduce((total, refund) => total + refund.amount.amount, 0);
  return { amount, currency };
}

/** What the refunds of the case add up to, failed ones included (they will be retried with the same key). */
export function allRefunds(state: CaseState): Money {
  const currency = state.request?.items[0].unitPrice.currency ?? 'CNY';
  return { amount: state.refunds.reduce((total, refund) => total + refund.amount.amount, 0), currency };
}
