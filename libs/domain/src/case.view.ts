import {
  CaseDeadlines,
  CaseFlag,
  CaseState,
  RefundStatus,
  StepAttention,
  ReturnShipmentStatus,
  allRefunds,
} from './case.state';
import {
  CaseItem,
  CaseStatus,
  CaseType,
  ClosedReason,
  Disposition,
  Grade,
  Reason,
  ReturnMethod,
} from './case.types';
import { EligibilityAssessment } from './eligibility';
import { Money } from './money';
import { SettlementKind } from './settlement.types';

/** A refund as the view shows it. */
export interface CaseViewRefund {
  refundId: string;
  amount: Money;
  status: RefundStatus;
  purpose: 'FAST_REFUND' | 'SETTLEMENT';
}

/** The case view of API.md (`GET /v1/cases/{caseId}`), with added fields marked below. */
export interface CaseView {
  caseId: string;
  status: CaseStatus;
  type: CaseType;
  reason: Reason;
  orderId: string;
  merchantId: string;
  customerId: string;
  items: CaseItem[];
  eligibility: {
    eligible: boolean;
    rule: EligibilityAssessment['rule'];
    policyVersion: string;
    /** Added: the profile that applied. */
    profile: string;
    /** Added: the end of the window the rule checked. */
    windowEndsAt: string | null;
    /** Added. */
    autoApproved: boolean;
    /** Added. */
    fastRefundEligible: boolean;
    /** Added. */
    freightPayer: EligibilityAssessment['freightPayer'];
  };
  /** The running clocks (null when not running): API.md's three plus the other clocks of DOMAIN.md. */
  deadlines: CaseDeadlines;
  returnShipment: {
    method: ReturnMethod;
    carrier: string | null;
    trackingNumber: string | null;
    status: ReturnShipmentStatus;
    /** Added. */
    bookingId: string | null;
  } | null;
  inspection: {
    /** Added. */
    inspectionId: string;
    /** `lineId`, `notes` and `photos` are added, each present when the warehouse gave it. */
    items: Array<{
      sku: string;
      quantity: number;
      grade: Grade;
      disposition: Disposition;
      lineId?: string;
      notes?: string;
      photos?: string[];
    }>;
  } | null;
  resolution: {
    kind: SettlementKind;
    refunds: CaseViewRefund[];
    /** Added: what the settlement entitles the customer to (null before a settlement). */
    entitled: Money | null;
    /** Added: sum of every refund of the case. */
    refundedTotal: Money;
    /** Added: refunded beyond the entitlement, to recover. */
    recoveryDue: Money | null;
    /** Added. */
    replacement: { status: string; carrier: string | null; trackingNumber: string | null } | null;
    /** Added. */
    repair: { status: string; attempts: number; failures: number } | null;
  } | null;
  /** The first supplier return (API.md); all of them in `supplierReturns`. */
  supplierReturn: { batchId: string | null; status: 'PENDING' | 'SHIPPED' | 'CREDITED' } | null;
  /** Added: every supplier return of the case. */
  supplierReturns: Array<{
    supplierId: string;
    batchId: string | null;
    status: 'PENDING' | 'SHIPPED' | 'CREDITED';
  }>;
  closedReason: ClosedReason | null;
  /** Added: why ops should look (SLA breaches, failed refunds, carrier exceptions, recoveries). */
  flags: CaseFlag[];
  /** What switched off automation for the case (e.g. `ABUSE_SIGNALS`). */
  riskFlags: string[];
  /** The steps an outside system refused for good, waiting for ops (API.md). */
  needsAttention: StepAttention[];
  /** The number of domain events so far. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

function eligibilityView(eligibility: EligibilityAssessment): CaseView['eligibility'] {
  return {
    eligible: eligibility.eligible,
    rule: eligibility.rule,
    policyVersion: eligibility.policyVersion,
    profile: eligibility.profile,
    windowEndsAt: eligibility.windowEndsAt,
    autoApproved: eligibility.autoApprove,
    fastRefundEligible: eligibility.fastRefundEligible,
    freightPayer: eligibility.freightPayer,
  };
}

function inspectionView(state: CaseState): CaseView['inspection'] {
  return state.inspection
    ? {
        inspectionId: state.inspection.inspectionId,
        items: state.inspection.units.map((unit) => ({
          sku: unit.sku,
          quantity: unit.quantity,
          grade: unit.grade,
          disposition: unit.disposition,
          ...(unit.lineId ? { lineId: unit.lineId } : {}),
          ...(unit.notes ? { notes: unit.notes } : {}),
          ...(unit.photos?.length ? { photos: [...unit.photos] } : {}),
        })),
      }
    : null;
}

// The settlement and its refunds (a fast refund before any settlement shows as a REFUND).
function resolutionView(state: CaseState): CaseView['resolution'] {
  const refunds: CaseViewRefund[] = state.refunds.map((refund) => ({
    refundId: refund.refundId,
    amount: refund.amount,
    status: refund.status,
    purpose: refund.purpose,
  }));
  const kind: SettlementKind | null = state.settlement?.kind ?? (refunds.length > 0 ? 'REFUND' : null);
  if (kind === null) return null;
  return {
    kind,
    refunds,
    entitled: state.settlement?.entitled ?? null,
    refundedTotal: allRefunds(state),
    recoveryDue: state.settlement?.recoveryDue ?? null,
    replacement: state.replacement
      ? {
          status: state.replacement.status,
          carrier: state.replacement.carrier,
          trackingNumber: state.replacement.trackingNumber,
        }
      : null,
    repair: state.repair
      ? { status: state.repair.status, attempts: state.repair.attempts, failures: state.repair.failures }
      : null,
  };
}

/**
 * The case view of a state (API.md's shape). Throws RangeError for a state without CASE_REQUESTED:
 * that is not a case (a programming error, never bad input).
 */
export function toCaseView(state: CaseState): CaseView {
  const { request, eligibility } = state;
  if (state.status === null || request === null || eligibility === null || state.caseId === null) {
    throw new RangeError('no case: the events do not start with CASE_REQUESTED');
  }
  return {
    caseId: state.caseId,
    status: state.status,
    type: request.type,
    reason: request.reason,
    orderId: request.orderId,
    merchantId: request.merchantId,
    customerId: request.customerId,
    items: request.items.map((item) => ({ ...item })),
    eligibility: eligibilityView(eligibility),
    deadlines: { ...state.deadlines },
    returnShipment: state.returnShipment
      ? {
          method: state.returnShipment.method,
          carrier: state.returnShipment.carrier,
          trackingNumber: state.returnShipment.trackingNumber,
          status: state.returnShipment.status,
          bookingId: state.returnShipment.bookingId,
        }
      : null,
    inspection: inspectionView(state),
    resolution: resolutionView(state),
    supplierReturn: state.supplierReturns[0]
      ? { batchId: state.supplierReturns[0].batchId, status: state.supplierReturns[0].status }
      : null,
    supplierReturns: state.supplierReturns.map((entry) => ({
      supplierId: entry.supplierId,
      batchId: entry.batchId,
      status: entry.status,
    })),
    closedReason: state.closedReason,
    flags: [...state.flags],
    riskFlags: [...(state.riskFlags ?? [])],
    needsAttention: (state.needsAttention ?? []).map((item) => ({ ...item, error: { ...item.error } })),
    version: state.version,
    createdAt: state.createdAt ?? '',
    updatedAt: state.updatedAt ?? '',
  };
}
