import {
  applyDecision,
  CaseEvent,
  CaseRequest,
  CaseState,
  Decision,
  DecideContext,
  decideArbitrationRuling,
  decideCancel,
  decideCarrierScan,
  decideClockExpired,
  decideEscalate,
  decideInspection,
  decideInsuranceClaimFiled,
  decideInsuranceClaimPaid,
  decideMerchantDecision,
  decidePickupBooked,
  decidePickupCancelled,
  decideRefundFailed,
  decideRefundRetry,
  decideRefundSucceeded,
  decideRegisterReturnShipment,
  decideRepairCompleted,
  decideRepairFailed,
  decideRepairStarted,
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
  decideRequestCase,
  decideSupplierReturnCredited,
  decideSupplierReturnShipped,
  DEFAULT_POLICY,
  GRADES,
  initialCaseState,
  makeCaseItem,
  makeCaseRequest,
  NextStep,
  nextSteps,
} from '../../libs/domain/src';
import { NewEvent } from '../../libs/persistence/src';

/** A seeded pseudo-random source in [0, 1) (mulberry32), so a run's cases can be made again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Step = (state: CaseState, ctx: DecideContext) => Decision;

const SYSTEM_ACTOR = { role: 'system', id: 'aftersales' } as const;
const CUSTOMER_ACTOR = { role: 'customer', id: 'c-bench' } as const;

/** When generated cases are requested: the day after the delivery of the test orders (makeCaseRequest). */
export const GENERATED_CASES_START = Date.parse('2026-11-04T02:00:00.000Z');

/** Most commands a generated case is walked through. */
const MAX_STEPS = 40;

/**
 * A case walked from a request through commands the domain accepts, each decided by the real
 * decide functions at a clock that only moves forward (clocks expire at their due time): the
 * events its workflow would have appended, in order. Empty when the request is refused.
 */
export function generateCaseEvents(caseId: string, random: Random, start: Date): CaseEvent[] {
  let now = start;
  const opened = decideRequestCase(
    initialCaseState,
    { caseId, request: requestOf(caseId, random), policy: DEFAULT_POLICY },
    { now, actor: CUSTOMER_ACTOR },
  );
  if (!opened.ok) return [];
  const events: CaseEvent[] = [...opened.events];
  let state = applyDecision(initialCaseState, opened);
  for (let n = 0; n < MAX_STEPS; n += 1) {
    const steps = nextSteps(state);
    if (steps.length === 0) break;
    const step = pickStep(steps, random);
    const at = step.kind === 'CLOCK' ? Date.parse(step.dueAt) : 0;
    now = new Date(Math.max(now.getTime() + 60_000 + Math.floor(random() * 3_600_000), at));
    const decision = commandFor(step, state, random, n)(state, { now, actor: SYSTEM_ACTOR });
    if (!decision.ok || decision.events.length === 0) continue;
    state = applyDecision(state, decision);
    events.push(...decision.events);
  }
  return events;
}

/** A domain event as the event store appends it. */
export function toNewEvent(event: CaseEvent): NewEvent {
  return {
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    actor: event.actor,
    data: event.data,
  };
}

/** Every case type and reason the default policy accepts, with one to three lines. */
function requestOf(caseId: string, random: Random): CaseRequest {
  const lines = 1 + Math.floor(random() * 3);
  const items = Array.from({ length: lines }, (_, index) =>
    makeCaseItem({
      sku: `sku-${index}`,
      quantity: 1 + Math.floor(random() * 2),
      unitPrice: { amount: 500 + Math.floor(random() * 60_000), currency: 'CNY' },
    }),
  );
  const base = {
    requestId: `req-${caseId}`,
    orderId: `o-${caseId}`,
    merchantId: `m-${Math.floor(random() * 20)}`,
    customerId: `c-${Math.floor(random() * 500)}`,
    customerTier: random() < 0.3 ? 'TRUSTED' : 'STANDARD',
    returnMethod: random() < 0.5 ? 'PICKUP' : 'SELF_SHIP',
    shippingInsurance: random() < 0.3,
    items,
  } as const;
  const kind = Math.floor(random() * 5);
  if (kind === 0) return makeCaseRequest({ ...base, reason: 'QUALITY_ISSUE' });
  if (kind === 1) return makeCaseRequest({ ...base, type: 'EXCHANGE', reason: 'NOT_AS_DESCRIBED' });
  if (kind === 2) return makeCaseRequest({ ...base, type: 'REPAIR', reason: 'QUALITY_ISSUE' });
  if (kind === 3) {
    return makeCaseRequest({
      ...base,
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: items.map((item) => ({ ...item, category: 'FRESH' })),
      evidence: [{ kind: 'PHOTO', url: 'https://example.com/p.jpg' }],
    });
  }
  return makeCaseRequest(base);
}

/** Mostly the workflow's own steps and the parties' answers; cancellations and escalations are rare. */
function pickStep(steps: readonly NextStep[], random: Random): NextStep {
  const weight = (step: NextStep) => {
    if (step.kind === 'ACTION' && (step.action === 'CANCEL' || step.action === 'ESCALATE')) return 0.05;
    if (step.kind === 'CLOCK') return 0.2;
    return 1;
  };
  const total = steps.reduce((sum, step) => sum + weight(step), 0);
  let at = random() * total;
  for (const step of steps) {
    at -= weight(step);
    if (at <= 0) return step;
  }
  return steps[steps.length - 1];
}

function commandFor(step: NextStep, state: CaseState, random: Random, n: number): Step {
  switch (step.kind) {
    case 'CLOCK':
      return (s, c) =>
        decideClockExpired(s, { clock: step.clock, convertTo: random() < 0.5 ? 'EXCHANGE' : 'REFUND' }, c);
    case 'ACTION':
      return actionCommand(step.action, state, random, n);
    default:
      return systemCommand(step, random, n);
  }
}

function actionCommand(action: string, state: CaseState, random: Random, n: number): Step {
  const pick = random();
  switch (action) {
    case 'MERCHANT_DECISION':
      return (s, c) =>
        decideMerchantDecision(s, { decisionId: `d-${n}`, decision: pick < 0.85 ? 'APPROVE' : 'REJECT' }, c);
    case 'CANCEL':
      return (s, c) => decideCancel(s, {}, c);
    case 'REGISTER_RETURN_SHIPMENT':
      return (s, c) => decideRegisterReturnShipment(s, { carrier: 'SF', trackingNumber: `SELF-${n}` }, c);
    case 'ESCALATE':
      return (s, c) => decideEscalate(s, { escalationId: `e-${n}`, note: 'please look again' }, c);
    case 'ARBITRATION_RULING':
      return (s, c) =>
        decideArbitrationRuling(
          s,
          { rulingId: `r-${n}`, ruling: pick < 0.5 ? 'CUSTOMER_FAVOR' : 'MERCHANT_FAVOR', note: 'ruled' },
          c,
        );
    case 'CARRIER_SCAN': {
      const event = (['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'DELIVERED'] as const)[Math.floor(pick * 4)];
      return (s, c) =>
        decideCarrierScan(
          s,
          {
            eventId: `ev-${n}`,
            trackingNumber: s.returnShipment?.trackingNumber ?? '?',
            event,
            occurredAt: c.now.toISOString(),
          },
          c,
        );
    }
    case 'INSPECTION':
      return (s, c) =>
        decideInspection(
          s,
          {
            inspectionId: `i-${n}`,
            warehouseId: 'wh-1',
            inspector: 'w-1',
            items: (s.request?.items ?? []).map((item, index) => ({
              sku: item.sku,
              quantity: item.quantity,
              grade: pick < 0.7 ? GRADES[0] : GRADES[(index + Math.floor(pick * 10)) % GRADES.length],
            })),
          },
          c,
        );
    default: {
      const failed = state.refunds.find((refund) => refund.status === 'FAILED')?.refundId ?? '?';
      return (s, c) => decideRefundRetry(s, { refundId: failed, reason: 'retry' }, c);
    }
  }
}

function systemCommand(step: Extract<NextStep, { kind: 'SYSTEM' }>, random: Random, n: number): Step {
  const pick = random();
  switch (step.step) {
    case 'BOOK_PICKUP':
      return (s, c) =>
        decidePickupBooked(s, { bookingId: `b-${n}`, carrier: 'SF', trackingNumber: `SF-${n}` }, c);
    case 'CANCEL_PICKUP':
      return (s, c) => decidePickupCancelled(s, { bookingId: step.ref.bookingId, reason: 'compensation' }, c);
    case 'FILE_INSURANCE_CLAIM':
      return (s, c) => decideInsuranceClaimFiled(s, { claimId: `ins-${n}` }, c);
    case 'AWAIT_INSURANCE_PAYOUT':
      return (s, c) =>
        decideInsuranceClaimPaid(
          s,
          { claimId: step.ref.claimId, amount: { amount: 1200, currency: 'CNY' } },
          c,
        );
    case 'CALL_REFUND':
      return pick < 0.9
        ? (s, c) => decideRefundSucceeded(s, { refundId: step.ref.refundId }, c)
        : (s, c) =>
            decideRefundFailed(s, { refundId: step.ref.refundId, errorCode: 'DECLINED', message: 'no' }, c);
    case 'RESERVE_REPLACEMENT':
      return pick < 0.9
        ? (s, c) => decideReplacementReserved(s, { reservationIds: [`res-${n}`] }, c)
        : (s, c) => decideReplacementUnavailable(s, { reason: 'no stock' }, c);
    case 'SHIP_REPLACEMENT':
      return (s, c) => decideReplacementShipped(s, { carrier: 'SF', trackingNumber: `R-${n}` }, c);
    case 'START_REPAIR':
      return (s, c) => decideRepairStarted(s, { repairId: `rep-${n}` }, c);
    case 'AWAIT_REPAIR_RESULT':
      return pick < 0.8
        ? (s, c) => decideRepairCompleted(s, { repairId: step.ref.repairId }, c)
        : (s, c) => decideRepairFailed(s, { repairId: step.ref.repairId, reason: 'no fix' }, c);
    case 'SEND_SUPPLIER_RETURN':
      return (s, c) =>
        decideSupplierReturnShipped(
          s,
          { batchId: `RTV-${step.ref.supplierId}-${n}`, supplierId: step.ref.supplierId },
          c,
        );
    case 'AWAIT_SUPPLIER_BATCH':
      return (s, c) =>
        decideSupplierReturnCredited(s, { batchId: step.ref.batchId, creditNoteId: `cn-${n}` }, c);
    default:
      return () => ({ ok: true, events: [], duplicate: false });
  }
}
