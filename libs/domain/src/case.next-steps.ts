import { CASE_CLOCKS, CLOCK_DEADLINES, CLOCK_EXPIRY_ACTIONS, CaseClock } from './case.clocks';
import { CaseState } from './case.state';
import { CaseStatus, assertNever, isTerminalStatus } from './case.types';

/** A running clock of the case, for the workflow's timers and its deadlines query. */
export interface PendingClock {
  readonly clock: CaseClock;
  readonly dueAt: string;
  /** What happens when it expires. */
  readonly onExpiry: string;
}

/** The clocks running now, earliest first. */
export function pendingClocks(state: CaseState): PendingClock[] {
  return CASE_CLOCKS.flatMap((clock) => {
    const dueAt = state.deadlines[CLOCK_DEADLINES[clock]];
    return dueAt === null ? [] : [{ clock, dueAt, onExpiry: CLOCK_EXPIRY_ACTIONS[clock] }];
  }).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** Someone outside the workflow may act (an update or signal). */
export type ExternalAction =
  | 'MERCHANT_DECISION'
  | 'CANCEL'
  | 'REGISTER_RETURN_SHIPMENT'
  | 'ESCALATE'
  | 'ARBITRATION_RULING'
  | 'CARRIER_SCAN'
  | 'INSPECTION'
  | 'OPS_RETRY_REFUND';

/** Work the workflow itself must do (an activity), then record with the matching decide function. */
export type SystemStep =
  | 'BOOK_PICKUP'
  | 'CANCEL_PICKUP'
  | 'FILE_INSURANCE_CLAIM'
  | 'AWAIT_INSURANCE_PAYOUT'
  | 'CALL_REFUND'
  | 'RESERVE_REPLACEMENT'
  | 'SHIP_REPLACEMENT'
  | 'START_REPAIR'
  | 'AWAIT_REPAIR_RESULT'
  | 'SEND_SUPPLIER_RETURN'
  | 'AWAIT_SUPPLIER_BATCH';

/** What each system step is about: the booking, refund, claim, repair, supplier or batch it acts on. */
export interface SystemStepRefs {
  readonly BOOK_PICKUP: null;
  readonly CANCEL_PICKUP: { readonly bookingId: string };
  readonly FILE_INSURANCE_CLAIM: null;
  readonly AWAIT_INSURANCE_PAYOUT: { readonly claimId: string };
  readonly CALL_REFUND: { readonly refundId: string };
  readonly RESERVE_REPLACEMENT: null;
  readonly SHIP_REPLACEMENT: null;
  readonly START_REPAIR: null;
  readonly AWAIT_REPAIR_RESULT: { readonly repairId: string };
  readonly SEND_SUPPLIER_RETURN: { readonly supplierId: string };
  readonly AWAIT_SUPPLIER_BATCH: { readonly batchId: string };
}

/** A system step the workflow must work on, with what it is about (typed per step). */
export type SystemNextStep = {
  readonly [S in SystemStep]: { readonly kind: 'SYSTEM'; readonly step: S; readonly ref: SystemStepRefs[S] };
}[SystemStep];

/** One thing that can move the case on. */
export type NextStep =
  | { readonly kind: 'CLOCK'; readonly clock: CaseClock; readonly dueAt: string; readonly onExpiry: string }
  | { readonly kind: 'ACTION'; readonly action: ExternalAction }
  | SystemNextStep;

/**
 * The identity of a system step, `<STEP>:<what it is about>` (e.g. `CALL_REFUND:<refundId>`), URL-safe
 * as long as the ids are: the workflow keys its work by it.
 */
export function systemStepKey(step: SystemNextStep): string {
  const about = step.ref === null ? '' : Object.values(step.ref)[0];
  return `${step.step}:${about}`;
}

const action = (name: ExternalAction): NextStep => ({ kind: 'ACTION', action: name });
const system = <S extends SystemStep>(step: S, ref: SystemStepRefs[S]): NextStep =>
  ({ kind: 'SYSTEM', step, ref }) as SystemNextStep;

// Compensation and bookkeeping, whatever the status: a pickup to cancel, refunds to call or retry,
// supplier returns to send or follow, the return-shipping insurance claim.
function bookkeepingSteps(state: CaseState, status: CaseStatus): NextStep[] {
  const steps: NextStep[] = [];
  const shipment = state.returnShipment;
  if (
    (status === 'CANCELLED' || status === 'CLOSED') &&
    shipment?.status === 'BOOKED' &&
    shipment.bookingId
  ) {
    steps.push(system('CANCEL_PICKUP', { bookingId: shipment.bookingId }));
  }
  for (const refund of state.refunds) {
    if (refund.status === 'PENDING') steps.push(system('CALL_REFUND', { refundId: refund.refundId }));
    if (refund.status === 'FAILED') steps.push(action('OPS_RETRY_REFUND'));
  }
  for (const entry of state.supplierReturns) {
    if (entry.batchId === null) steps.push(system('SEND_SUPPLIER_RETURN', { supplierId: entry.supplierId }));
    else if (entry.status === 'SHIPPED')
      steps.push(system('AWAIT_SUPPLIER_BATCH', { batchId: entry.batchId }));
  }
  if (
    state.eligibility?.insuranceClaimDue &&
    state.insuranceClaim === null &&
    shipment !== null &&
    ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED'].includes(shipment.status) &&
    !isTerminalStatus(status)
  ) {
    steps.push(system('FILE_INSURANCE_CLAIM', null));
  }
  if (state.insuranceClaim?.status === 'FILED')
    steps.push(system('AWAIT_INSURANCE_PAYOUT', { claimId: state.insuranceClaim.claimId }));
  return steps;
}

// What the status itself waits for: the actions others may take, the workflow's own step.
function statusSteps(state: CaseState, status: CaseStatus): NextStep[] {
  const shipment = state.returnShipment;
  const cancellable: NextStep[] = state.inspection === null ? [action('CANCEL')] : [];
  switch (status) {
    case 'PENDING_MERCHANT_REVIEW':
      return [action('MERCHANT_DECISION'), action('CANCEL')];
    case 'REJECTED':
      return [action('ESCALATE'), ...cancellable];
    case 'ESCALATED':
      return [action('MERCHANT_DECISION'), ...cancellable];
    case 'IN_ARBITRATION':
      return [action('ARBITRATION_RULING'), ...cancellable];
    case 'AWAITING_RETURN':
      return [
        ...(state.request?.returnMethod === 'PICKUP' &&
        (shipment === null || shipment.status === 'NOT_SHIPPED' || shipment.status === 'CANCELLED')
          ? [system('BOOK_PICKUP', null)]
          : []),
        ...(state.request?.returnMethod === 'SELF_SHIP' ? [action('REGISTER_RETURN_SHIPMENT')] : []),
        ...(shipment?.trackingNumber ? [action('CARRIER_SCAN')] : []),
        action('CANCEL'),
      ];
    case 'RETURN_IN_TRANSIT':
      return [action('CARRIER_SCAN')];
    case 'AWAITING_INSPECTION':
      return [action('INSPECTION')];
    case 'REPLACING':
      if (state.replacement?.status === 'PENDING') return [system('RESERVE_REPLACEMENT', null)];
      return state.replacement?.status === 'RESERVED' ? [system('SHIP_REPLACEMENT', null)] : [];
    case 'REPAIRING':
      if (state.repair?.status === 'PENDING') return [system('START_REPAIR', null)];
      return state.repair?.status === 'IN_REPAIR' && state.repair.repairId
        ? [system('AWAIT_REPAIR_RESULT', { repairId: state.repair.repairId })]
        : [];
    case 'REFUNDING':
    case 'COMPLETED':
    case 'CANCELLED':
    case 'CLOSED':
      return [];
    default:
      return assertNever(status, 'status');
  }
}

/**
 * Everything that can move the case on from here: running clocks, the actions others may take, and
 * the workflow's own pending work (including compensations and supplier returns after the end).
 * Empty only for a terminal case with nothing left to do.
 */
export function nextSteps(state: CaseState): NextStep[] {
  const clocks: NextStep[] = pendingClocks(state).map((clock) => ({ kind: 'CLOCK', ...clock }));
  const status = state.status;
  if (status === null) return clocks;
  return [...clocks, ...bookkeepingSteps(state, status), ...statusSteps(state, status)];
}
