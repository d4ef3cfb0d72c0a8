import { CarrierScan, CaseEvent } from './case.events';
import { CaseDeadlines, CaseState, NO_DEADLINES, ReturnShipmentStatus, commandKey } from './case.state';
import { CaseStatus, exhaustive } from './case.types';

const withIds = (state: CaseState, ...keys: Array<string | null>): string[] => {
  const added = keys.filter((key): key is string => key !== null && !state.commandIds.includes(key));
  return added.length === 0 ? state.commandIds : [...state.commandIds, ...added];
};

const deadlines = (state: CaseState, changes: Partial<CaseDeadlines>): CaseDeadlines => ({
  ...state.deadlines,
  ...changes,
});

// The order a parcel moves through; a late scan never moves it back.
const SHIPMENT_PROGRESS: Record<ReturnShipmentStatus, number> = {
  NOT_SHIPPED: 0,
  BOOKED: 1,
  SHIPPED: 2,
  PICKED_UP: 3,
  IN_TRANSIT: 4,
  EXCEPTION: 4,
  DELIVERED: 5,
  CANCELLED: 6,
};

function statusAfterScan(status: CaseStatus | null, scan: CarrierScan): CaseStatus | null {
  if (scan === 'DELIVERED') {
    return status === 'AWAITING_RETURN' || status === 'RETURN_IN_TRANSIT' ? 'AWAITING_INSPECTION' : status;
  }
  if (scan === 'PICKED_UP' || scan === 'IN_TRANSIT') {
    return status === 'AWAITING_RETURN' ? 'RETURN_IN_TRANSIT' : status;
  }
  return status;
}

/**
 * Folds one event into the state: pure and total (an event that does not fit the state is still
 * applied as recorded; the log is the truth). Deadlines come from the events, never from a policy.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next = applyEvent(state, event);
  return {
    ...next,
    version: state.version + 1,
    createdAt: state.createdAt ?? event.occurredAt,
    updatedAt: event.occurredAt,
  };
}

/** Folds a sequence of events from `from` (the initial state when omitted). */
export function foldCaseEvents(events: readonly CaseEvent[], from: CaseState): CaseState {
  return events.reduce(evolve, from);
}

function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  const at = event.occurredAt;
  switch (event.type) {
    case 'CASE_REQUESTED': {
      const { data } = event;
      return {
        ...state,
        caseId: data.caseId,
        status: 'PENDING_MERCHANT_REVIEW',
        request: data.request,
        eligibility: data.eligibility,
        policyVersion: data.policyVersion,
        profileName: data.profileName,
        profile: data.profile,
        timeZone: data.timeZone,
        deadlines: { ...NO_DEADLINES, merchantRespondBy: data.merchantRespondBy },
        commandIds: withIds(state, commandKey.request(data.request.requestId)),
      };
    }
    case 'CASE_APPROVED': {
      const { data } = event;
      const method = state.request?.returnMethod ?? 'NONE';
      return {
        ...state,
        status: data.returnRequired ? 'AWAITING_RETURN' : 'REFUNDING',
        approval: { by: data.by, at, refundCap: data.refundAmount ?? state.approval?.refundCap ?? null },
        arbitration: state.arbitration,
        returnShipment:
          data.returnRequired && state.returnShipment === null
            ? {
                method,
                carrier: null,
                trackingNumber: null,
                bookingId: null,
                status: 'NOT_SHIPPED',
                lastScanAt: null,
              }
            : state.returnShipment,
        deadlines: deadlines(state, {
          merchantRespondBy: null,
          merchantAnswerBy: null,
          escalateBy: null,
          customerShipBy: data.customerShipBy,
        }),
        commandIds: withIds(
          state,
          data.decisionId ? commandKey.decision(data.decisionId) : null,
          data.rulingId ? commandKey.ruling(data.rulingId) : null,
        ),
      };
    }
    case 'CASE_REJECTED': {
      const { data } = event;
      return {
        ...state,
        status: 'REJECTED',
        rejection: { by: data.by, at },
        deadlines: { ...NO_DEADLINES, escalateBy: data.escalateBy },
        commandIds: withIds(state, data.decisionId ? commandKey.decision(data.decisionId) : null),
      };
    }
    case 'CASE_ESCALATED': {
      const { data } = event;
      return {
        ...state,
        status: 'ESCALATED',
        escalation: { escalationId: data.escalationId, at, contests: state.rejection?.by ?? 'MERCHANT' },
        deadlines: deadlines(state, { escalateBy: null, merchantAnswerBy: data.merchantAnswerBy }),
        commandIds: withIds(state, commandKey.escalation(data.escalationId)),
      };
    }
    case 'ARBITRATION_OPENED':
      return {
        ...state,
        status: 'IN_ARBITRATION',
        arbitration: { cause: event.data.cause, ruling: null },
        deadlines: deadlines(state, { merchantAnswerBy: null }),
        commandIds: withIds(state, event.data.decisionId ? commandKey.decision(event.data.decisionId) : null),
      };
    case 'ARBITRATION_RULED':
      return {
        ...state,
        arbitration: {
          cause: state.arbitration?.cause ?? 'MERCHANT_DID_NOT_ANSWER',
          ruling: event.data.ruling,
        },
        commandIds: withIds(state, commandKey.ruling(event.data.rulingId)),
      };
    case 'PICKUP_BOOKED':
      return {
        ...state,
        returnShipment: {
          method: 'PICKUP',
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
          bookingId: event.data.bookingId,
          status: 'BOOKED',
          lastScanAt: state.returnShipment?.lastScanAt ?? null,
        },
      };
    case 'PICKUP_CANCELLED':
      return state.returnShipment === null
        ? state
        : { ...state, returnShipment: { ...state.returnShipment, status: 'CANCELLED' } };
    case 'RETURN_SHIPMENT_REGISTERED':
      return {
        ...state,
        status: state.status === 'AWAITING_RETURN' ? 'RETURN_IN_TRANSIT' : state.status,
        returnShipment: {
          method: 'SELF_SHIP',
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
          bookingId: null,
          status: 'SHIPPED',
          lastScanAt: state.returnShipment?.lastScanAt ?? null,
        },
        deadlines: deadlines(state, { customerShipBy: null }),
      };
    case 'CARRIER_SCAN_RECORDED': {
      const { data } = event;
      const shipment = state.returnShipment ?? {
        method: state.request?.returnMethod ?? 'SELF_SHIP',
        carrier: null,
        trackingNumber: data.trackingNumber,
        bookingId: null,
        status: 'NOT_SHIPPED' as const,
        lastScanAt: null,
      };
      const forward = SHIPMENT_PROGRESS[data.scan] >= SHIPMENT_PROGRESS[shipment.status];
      const status = statusAfterScan(state.status, data.scan);
      const moved = status !== state.status;
      return {
        ...state,
        status,
        returnShipment: {
          ...shipment,
          status: forward ? data.scan : shipment.status,
          lastScanAt: data.scannedAt,
        },
        deadlines: moved
          ? deadlines(state, {
              customerShipBy: null,
              inspectBy: status === 'AWAITING_INSPECTION' ? data.inspectBy : state.deadlines.inspectBy,
            })
          : state.deadlines,
        flags:
          data.scan === 'EXCEPTION'
            ? [...state.flags, { kind: 'CARRIER_EXCEPTION', trackingNumber: data.trackingNumber, at }]
            : state.flags,
        commandIds: withIds(state, commandKey.carrierEvent(data.eventId)),
      };
    }
    case 'INSURANCE_CLAIM_FILED':
      return { ...state, insuranceClaim: { claimId: event.data.claimId, status: 'FILED', amount: null } };
    case 'INSURANCE_CLAIM_PAID':
      return {
        ...state,
        insuranceClaim: { claimId: event.data.claimId, status: 'PAID', amount: event.data.amount },
      };
    case 'FAST_REFUND_GRANTED':
      return { ...state, fastRefund: { refundId: event.data.refundId, amount: event.data.amount } };
    case 'INSPECTION_RECORDED':
      return {
        ...state,
        inspection: { ...event.data, at },
        deadlines: deadlines(state, { inspectBy: null }),
        commandIds: withIds(state, commandKey.inspection(event.data.inspectionId)),
      };
    case 'SETTLEMENT_DECIDED': {
      const { data } = event;
      const status: CaseStatus | null =
        data.kind === 'REPLACEMENT'
          ? 'REPLACING'
          : data.kind === 'REPAIR'
            ? 'REPAIRING'
            : data.kind === 'REFUND' && data.refundDue.amount > 0
              ? 'REFUNDING'
              : state.status;
      return {
        ...state,
        status,
        settlement: data,
        refusedUnitsOpen: data.refusedUnits,
        replacement:
          data.kind === 'REPLACEMENT'
            ? { status: 'PENDING', reservationId: null, carrier: null, trackingNumber: null }
            : state.replacement,
        repair:
          data.kind === 'REPAIR'
            ? { status: 'PENDING', repairId: null, attempts: 0, failures: 0 }
            : state.repair,
        flags:
          data.recoveryDue.amount > 0
            ? [...state.flags, { kind: 'RECOVERY_DUE', amount: data.recoveryDue, at }]
            : state.flags,
        deadlines: deadlines(state, {
          inspectBy: null,
          refundBy: data.refundBy,
          replacementShipBy: data.replacementShipBy,
          repairBy: data.repairBy,
        }),
      };
    }
    case 'REFUND_REQUESTED': {
      const { data } = event;
      const existing = state.refunds.find((refund) => refund.refundId === data.refundId);
      const record = {
        refundId: data.refundId,
        idempotencyKey: existing?.idempotencyKey ?? data.idempotencyKey,
        amount: existing?.amount ?? data.amount,
        purpose: existing?.purpose ?? data.purpose,
        status: 'PENDING' as const,
        requestedAt: existing?.requestedAt ?? at,
        settledAt: null,
      };
      return {
        ...state,
        refunds: existing
          ? state.refunds.map((refund) => (refund.refundId === data.refundId ? record : refund))
          : [...state.refunds, record],
      };
    }
    case 'REFUND_SUCCEEDED': {
      const refunds = state.refunds.map((refund) =>
        refund.refundId === event.data.refundId
          ? { ...refund, status: 'SUCCEEDED' as const, settledAt: at }
          : refund,
      );
      const allPaid = refunds.every((refund) => refund.status === 'SUCCEEDED');
      return {
        ...state,
        refunds,
        flags: state.flags.filter(
          (flag) => !(flag.kind === 'REFUND_FAILED' && flag.refundId === event.data.refundId),
        ),
        deadlines: allPaid ? deadlines(state, { refundBy: null }) : state.deadlines,
      };
    }
    case 'REFUND_FAILED':
      return {
        ...state,
        refunds: state.refunds.map((refund) =>
          refund.refundId === event.data.refundId
            ? { ...refund, status: 'FAILED' as const, settledAt: at }
            : refund,
        ),
        flags: [
          ...state.flags,
          { kind: 'REFUND_FAILED', refundId: event.data.refundId, errorCode: event.data.errorCode, at },
        ],
      };
    case 'REPLACEMENT_RESERVED':
      return {
        ...state,
        replacement: {
          status: 'RESERVED',
          reservationId: event.data.reservationId,
          carrier: null,
          trackingNumber: null,
        },
      };
    case 'REPLACEMENT_SHIPPED':
      return {
        ...state,
        replacement: {
          status: 'SHIPPED',
          reservationId: state.replacement?.reservationId ?? null,
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
        },
        deadlines: deadlines(state, { replacementShipBy: null }),
      };
    case 'REPLACEMENT_UNAVAILABLE':
      return {
        ...state,
        replacement: {
          status: 'UNAVAILABLE',
          reservationId: state.replacement?.reservationId ?? null,
          carrier: null,
          trackingNumber: null,
        },
        deadlines: deadlines(state, { replacementShipBy: null }),
      };
    case 'REPAIR_STARTED':
      return {
        ...state,
        repair: {
          status: 'IN_REPAIR',
          repairId: event.data.repairId,
          attempts: event.data.attempt,
          failures: state.repair?.failures ?? 0,
        },
      };
    case 'REPAIR_FAILED':
      return {
        ...state,
        repair: {
          status: 'PENDING',
          repairId: event.data.repairId,
          attempts: Math.max(state.repair?.attempts ?? 0, event.data.attempt),
          failures: (state.repair?.failures ?? 0) + 1,
        },
      };
    case 'REPAIR_COMPLETED':
      return {
        ...state,
        repair: {
          status: 'COMPLETED',
          repairId: event.data.repairId,
          attempts: state.repair?.attempts ?? 1,
          failures: state.repair?.failures ?? 0,
        },
        deadlines: deadlines(state, { repairBy: null }),
      };
    case 'REPAIR_CONVERTED':
      return {
        ...state,
        repair: {
          status: 'CONVERTED',
          repairId: state.repair?.repairId ?? null,
          attempts: state.repair?.attempts ?? 0,
          failures: state.repair?.failures ?? 0,
        },
        deadlines: deadlines(state, { repairBy: null }),
      };
    case 'SUPPLIER_RETURN_QUEUED':
      return {
        ...state,
        supplierReturns: [
          ...state.supplierReturns,
          {
            supplierId: event.data.supplierId,
            batchId: null,
            status: 'PENDING',
            units: event.data.units,
            creditNoteId: null,
          },
        ],
      };
    case 'SUPPLIER_RETURN_SHIPPED': {
      const { data } = event;
      let index = state.supplierReturns.findIndex((entry) => entry.batchId === data.batchId);
      if (index < 0) {
        index = state.supplierReturns.findIndex(
          (entry) =>
            entry.batchId === null && (data.supplierId === undefined || entry.supplierId === data.supplierId),
        );
      }
      return index < 0
        ? state
        : {
            ...state,
            supplierReturns: state.supplierReturns.map((entry, position) =>
              position === index ? { ...entry, batchId: data.batchId, status: 'SHIPPED' as const } : entry,
            ),
          };
    }
    case 'SUPPLIER_RETURN_CREDITED':
      return {
        ...state,
        supplierReturns: state.supplierReturns.map((entry) =>
          entry.batchId === event.data.batchId
            ? { ...entry, status: 'CREDITED' as const, creditNoteId: event.data.creditNoteId }
            : entry,
        ),
      };
    case 'CASE_CANCELLED':
      return { ...state, status: 'CANCELLED', deadlines: NO_DEADLINES };
    case 'SLA_BREACHED': {
      const cleared: Partial<CaseDeadlines> =
        event.data.clock === 'REFUND_AFTER_INSPECTION' ? { refundBy: null } : { replacementShipBy: null };
      return {
        ...state,
        flags: [
          ...state.flags,
          { kind: 'SLA_BREACHED', clock: event.data.clock, dueAt: event.data.dueAt, at },
        ],
        deadlines: deadlines(state, cleared),
      };
    }
    case 'CASE_COMPLETED':
      return {
        ...state,
        status: 'COMPLETED',
        resolution: event.data.resolution,
        refusedUnitsOpen: 0,
        deadlines: NO_DEADLINES,
      };
    case 'CASE_CLOSED':
      return { ...state, status: 'CLOSED', closedReason: event.data.reason, deadlines: NO_DEADLINES };
    case 'OPS_ACTION_RECORDED': {
      const { data } = event;
      if (data.action === 'CLEAR_FLAGS') return { ...state, flags: [] };
      if (data.action === 'RETRY_REFUND') {
        return {
          ...state,
          flags: state.flags.filter(
            (flag) => !(flag.kind === 'REFUND_FAILED' && flag.refundId === data.refundId),
          ),
        };
      }
      return state;
    }
    default:
      // A type this code does not know (a newer writer): keep the state, still count the event.
      return exhaustive(event, state);
  }
}
