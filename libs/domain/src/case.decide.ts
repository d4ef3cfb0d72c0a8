import { z } from 'zod';
import { DomainError, DomainErrorCode, DomainErrorDetail, domainError } from './case.errors';
import {
  CARRIER_SCANS,
  CaseEvent,
  CaseEventDataMap,
  CaseEventType,
  RepairConvertedData,
  caseEvent,
} from './case.events';
import { evolve } from './case.evolve';
import {
  evidenceSchema,
  idSchema,
  isoTimestampSchema,
  typeShipsGoodsBack,
  validateCaseRequest,
  zodDetails,
} from './case.request';
import { CaseState, allRefunds, commandKey, hasApplied } from './case.state';
import { Actor, CaseStatus, GRADES, Grade, assertNever } from './case.types';
import { addDuration } from './duration';
import { assess, paidTotal } from './eligibility';
import { Money } from './money';
import { Policy, PolicyClocks, moneySchema, profileFor } from './policy.schema';
import {
  dispositionOf,
  settleFullRefund,
  settleInspection,
  settleLinesAsRefund,
  settlePriceProtection,
} from './settlement';
import { Settlement, SettlementBasis } from './settlement.types';

/** When and by whom a command is decided (the workflow's clock, the verified caller). */
export interface DecideContext {
  readonly now: Date;
  readonly actor: Actor;
}

/**
 * The answer of a decide function: the events to append (possibly none), or a coded error. A
 * repeated caller id answers `{ ok: true, events: [], duplicate: true }`: the first result stands.
 */
export type Decision =
  | { readonly ok: true; readonly events: CaseEvent[]; readonly duplicate: boolean }
  | { readonly ok: false; readonly error: DomainError };

const fail = (
  state: CaseState,
  code: DomainErrorCode,
  message: string,
  details?: readonly DomainErrorDetail[],
): Decision => ({ ok: false, error: domainError(code, message, state.status, details) });

const duplicate = (): Decision => ({ ok: true, events: [], duplicate: true });

const notAllowed = (state: CaseState, action: string): Decision =>
  fail(
    state,
    'NOT_ALLOWED_IN_STATE',
    `${action} is not allowed while the case is ${state.status ?? 'not opened'}`,
  );

// Collects events and folds them as it goes, so later steps of one decision see the earlier ones.
class Emitter {
  readonly events: CaseEvent[] = [];
  constructor(
    public state: CaseState,
    readonly ctx: DecideContext,
  ) {}

  emit<T extends CaseEventType>(type: T, data: CaseEventDataMap[T], actor: Actor = this.ctx.actor): void {
    const event = caseEvent(type, data, { now: this.ctx.now, actor });
    this.events.push(event as CaseEvent);
    this.state = evolve(this.state, event as CaseEvent);
  }

  done(): Decision {
    return { ok: true, events: this.events, duplicate: false };
  }
}

const SYSTEM: Actor = { role: 'system', id: 'aftersales' };

function parse<T>(
  state: CaseState,
  schema: z.ZodType<T>,
  input: unknown,
): { ok: true; value: T } | { ok: false; decision: Decision } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, decision: fail(state, 'VALIDATION_FAILED', 'invalid input', zodDetails(parsed.error)) };
}

function clocksOf(state: CaseState): PolicyClocks | null {
  return state.profile?.clocks ?? null;
}

function due(ctx: DecideContext, duration: string): string {
  return addDuration(ctx.now, duration);
}

function paidOf(state: CaseState): Money {
  return paidTotal(state.request?.items ?? []);
}

// The refund id and its idempotency key derive from the case and the refund's sequence number, so
// they are fixed before the first call and the same on every retry and replay.
function nextRefundIds(state: CaseState): { refundId: string; idempotencyKey: string } {
  const n = state.refunds.length + 1;
  return { refundId: `${state.caseId}-refund-${n}`, idempotencyKey: `${state.caseId}:refund:${n}` };
}

function checkRefundAmount(state: CaseState, amount: Money | undefined, left: Money): Decision | null {
  if (amount === undefined) return null;
  if (amount.currency !== left.currency) {
    return fail(state, 'CURRENCY_MISMATCH', `the case is in ${left.currency}`, [
      { path: 'refundAmount.currency', message: `expected ${left.currency}` },
    ]);
  }
  if (amount.amount > left.amount) {
    return fail(
      state,
      'AMOUNT_EXCEEDS_PAID',
      `at most ${left.amount} ${left.currency} can still be refunded`,
      [{ path: 'refundAmount.amount', message: `must not exceed ${left.amount}` }],
    );
  }
  return null;
}

function refundLeft(state: CaseState): Money {
  const paid = paidOf(state);
  return { amount: Math.max(0, paid.amount - allRefunds(state).amount), currency: paid.currency };
}

// ---------------------------------------------------------------------------------------------
// Shared steps

function settlementMoney(state: CaseState, cap: Money | null) {
  return { paid: paidOf(state), refundedSoFar: allRefunds(state), cap };
}

/** Records a settlement with its deadlines, requests its refund, queues defective units for their supplier, and ends the case when nothing is left to do. */
function settle(out: Emitter, settlement: Settlement): void {
  const clocks = clocksOf(out.state);
  const ctx = out.ctx;
  const refundDue = settlement.refundDue.amount > 0;
  out.emit(
    'SETTLEMENT_DECIDED',
    {
      ...settlement,
      refundBy: refundDue && clocks ? due(ctx, clocks.refundAfterInspection) : null,
      replacementShipBy:
        settlement.kind === 'REPLACEMENT' && clocks ? due(ctx, clocks.replacementShip) : null,
      repairBy: settlement.kind === 'REPAIR' && clocks ? due(ctx, clocks.repairMaxDuration) : null,
    },
    SYSTEM,
  );
  if (refundDue) {
    out.emit(
      'REFUND_REQUESTED',
      { ...nextRefundIds(out.state), amount: settlement.refundDue, purpose: 'SETTLEMENT' },
      SYSTEM,
    );
  }
  if (settlement.basis === 'INSPECTION') queueSupplierReturns(out, settlement);
  finishIfDone(out);
}

function queueSupplierReturns(out: Emitter, settlement: Settlement): void {
  const request = out.state.request;
  if (!request) return;
  const bySupplier = new Map<string, CaseEventDataMap['SUPPLIER_RETURN_QUEUED']['units']>();
  for (const line of settlement.lines) {
    if (line.disposition !== 'RETURN_TO_SUPPLIER') continue;
    const item = request.items.find((candidate) => candidate.sku === line.sku);
    if (!item?.supplierId) continue;
    const units = bySupplier.get(item.supplierId) ?? [];
    units.push({
      unitId: `${out.state.caseId}:${line.sku}:${units.length + 1}`,
      sku: line.sku,
      quantity: line.quantity,
      unitCost: item.unitPrice,
    });
    bySupplier.set(item.supplierId, units);
  }
  for (const [supplierId, units] of bySupplier)
    out.emit('SUPPLIER_RETURN_QUEUED', { supplierId, units }, SYSTEM);
}

/** Whether the settled resolution is fully carried out (refunds paid, replacement shipped, repair done). */
export function isResolutionDone(state: CaseState): boolean {
  const settlement = state.settlement;
  if (!settlement) return false;
  if (state.refunds.some((refund) => refund.status !== 'SUCCEEDED')) return false;
  switch (settlement.kind) {
    case 'REPLACEMENT':
      return state.replacement?.status === 'SHIPPED';
    case 'REPAIR':
      return state.repair?.status === 'COMPLETED';
    case 'REFUND':
    case 'NONE':
      return true;
    default:
      return assertNever(settlement.kind, 'settlement kind');
  }
}

const RESOLVING: readonly CaseStatus[] = ['REFUNDING', 'REPLACING', 'REPAIRING', 'AWAITING_INSPECTION'];

/** Ends the case once its resolution is done: refused units open a rejection the customer may escalate, else COMPLETED. */
function finishIfDone(out: Emitter): void {
  const state = out.state;
  if (state.status === null || !RESOLVING.includes(state.status) || !isResolutionDone(state)) return;
  const clocks = clocksOf(state);
  if (state.refusedUnitsOpen > 0 && clocks) {
    out.emit(
      'CASE_REJECTED',
      {
        by: 'INSPECTION',
        escalateBy: due(out.ctx, clocks.escalationWindow),
        note: `${state.refusedUnitsOpen} unit(s) refused at inspection`,
      },
      SYSTEM,
    );
    return;
  }
  out.emit('CASE_COMPLETED', { resolution: state.settlement?.kind ?? 'NONE' }, SYSTEM);
}

/** Approves the case and starts what follows: the return leg, or the refund without return. */
function approve(
  out: Emitter,
  by: CaseEventDataMap['CASE_APPROVED']['by'],
  extra: { decisionId?: string; rulingId?: string; note?: string; refundAmount?: Money },
): void {
  const state = out.state;
  const request = state.request;
  const clocks = clocksOf(state);
  if (!request || !clocks) return;
  const base = {
    by,
    ...(extra.decisionId ? { decisionId: extra.decisionId } : {}),
    ...(extra.rulingId ? { rulingId: extra.rulingId } : {}),
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.refundAmount ? { refundAmount: extra.refundAmount } : {}),
  };
  const cap = extra.refundAmount ?? null;
  const basis: SettlementBasis = by === 'ARBITRATION' ? 'ARBITRATION' : 'ESCALATION';
  if (state.escalation?.contests === 'INSPECTION' && state.settlement) {
    // The units refused at inspection are refunded on top of what was refunded (the goods are back).
    out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
    settle(
      out,
      settleLinesAsRefund(
        basis,
        state.settlement.lines,
        (line) => line.outcome === 'REFUSED',
        settlementMoney(out.state, cap),
      ),
    );
    return;
  }
  if (by === 'ARBITRATION' && extra.refundAmount) {
    // A ruling with an amount refunds without return.
    out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
    settle(out, settleFullRefund('ARBITRATION', request.items, settlementMoney(out.state, cap)));
    return;
  }
  if (typeShipsGoodsBack(request.type)) {
    out.emit('CASE_APPROVED', {
      ...base,
      returnRequired: true,
      customerShipBy: due(out.ctx, clocks.customerShip),
    });
    return;
  }
  out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
  const money = settlementMoney(out.state, cap);
  settle(
    out,
    request.type === 'PRICE_PROTECTION'
      ? settlePriceProtection(request.items, request.currentUnitPrice, money)
      : settleFullRefund('FRESH_CLAIM', request.items, money),
  );
}

// ---------------------------------------------------------------------------------------------
// Customer request

/** `POST /v1/cases`: the case id, the untrusted body and the policy the case will keep for life. */
export interface RequestCaseCommand {
  readonly caseId: string;
  readonly request: unknown;
  readonly policy: Policy;
}

/**
 * Opens a case: validates the request, assesses eligibility (refusing with OUT_OF_WINDOW or
 * NOT_ELIGIBLE, details naming the rule), records the merchant's profile for the case's life, and
 * approves at once when a rule auto-approves (a no-return case then settles and requests its refund).
 * Idempotent on `requestId`.
 */
export function decideRequestCase(
  state: CaseState,
  command: RequestCaseCommand,
  ctx: DecideContext,
): Decision {
  const validated = validateCaseRequest(command.request);
  if (!validated.ok) return fail(state, 'VALIDATION_FAILED', 'invalid case request', validated.details);
  const request = validated.request;
  if (state.request !== null) {
    return hasApplied(state, commandKey.request(request.requestId))
      ? duplicate()
      : fail(state, 'CASE_ALREADY_EXISTS', `case ${state.caseId} already exists`);
  }
  if (typeof command.caseId !== 'string' || command.caseId.trim() === '') {
    return fail(state, 'VALIDATION_FAILED', 'invalid case id', [
      { path: 'caseId', message: 'expected a non-empty string' },
    ]);
  }
  const eligibility = assess(request, command.policy, ctx.now);
  if (!eligibility.eligible) {
    return fail(
      state,
      eligibility.rule === 'OUT_OF_WINDOW' ? 'OUT_OF_WINDOW' : 'NOT_ELIGIBLE',
      eligibility.explanation,
      [{ path: '', message: eligibility.explanation, code: eligibility.rule }],
    );
  }
  const { name, profile } = profileFor(command.policy, request.merchantId);
  const out = new Emitter(state, ctx);
  out.emit('CASE_REQUESTED', {
    caseId: command.caseId,
    request,
    eligibility,
    policyVersion: command.policy.version,
    profileName: name,
    profile,
    timeZone: command.policy.timeZone,
    merchantRespondBy: eligibility.autoApprove ? null : due(ctx, profile.clocks.merchantResponse),
  });
  if (eligibility.autoApprove) approve(out, 'AUTO', {});
  return out.done();
}

// ---------------------------------------------------------------------------------------------
// Merchant, customer and ops actions

/** The body of `POST /v1/cases/{id}/decision`. */
export const merchantDecisionSchema = z.object({
  decisionId: idSchema,
  decision: z.enum(['APPROVE', 'REJECT']),
  note: z.string().max(5000).optional(),
  refundAmount: moneySchema.optional(),
});
/** A merchant's decision. */
export type MerchantDecisionCommand = z.infer<typeof merchantDecisionSchema>;

/**
 * The merchant approves or rejects a request (PENDING_MERCHANT_REVIEW), or settles or maintains the
 * rejection of an escalation (ESCALATED: REJECT opens arbitration). `refundAmount` proposes a partial
 * refund: it caps the case's refund. Idempotent on `decisionId`.
 */
export function decideMerchantDecision(
  state: CaseState,
  input: MerchantDecisionCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parse(state, merchantDecisionSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.decision(command.decisionId))) return duplicate();
  if (state.status !== 'PENDING_MERCHANT_REVIEW' && state.status !== 'ESCALATED')
    return notAllowed(state, 'a merchant decision');
  const clocks = clocksOf(state);
  if (!clocks || !state.request) return notAllowed(state, 'a merchant decision');
  if (command.refundAmount && command.decision === 'REJECT') {
    return fail(state, 'VALIDATION_FAILED', 'refundAmount goes with APPROVE', [
      { path: 'refundAmount', message: 'only with APPROVE' },
    ]);
  }
  const refundsMoney = state.request.type !== 'EXCHANGE' && state.request.type !== 'REPAIR';
  if (command.refundAmount && !refundsMoney && state.escalation?.contests !== 'INSPECTION') {
    return fail(state, 'VALIDATION_FAILED', `a ${state.request.type} case refunds no money`, [
      { path: 'refundAmount', message: 'not for this case type' },
    ]);
  }
  const amountError = checkRefundAmount(state, command.refundAmount, refundLeft(state));
  if (amountError) return amountError;
  const out = new Emitter(state, ctx);
  const note = command.note ? { note: command.note } : {};
  if (command.decision === 'APPROVE') {
    approve(out, 'MERCHANT', {
      decisionId: command.decisionId,
      ...note,
      ...(command.refundAmount ? { refundAmount: command.refundAmount } : {}),
    });
  } else if (state.status === 'PENDING_MERCHANT_REVIEW') {
    out.emit('CASE_REJECTED', {
      by: 'MERCHANT',
      decisionId: command.decisionId,
      ...note,
      escalateBy: due(ctx, clocks.escalationWindow),
    });
  } else {
    out.emit('ARBITRATION_OPENED', {
      cause: 'MERCHANT_MAINTAINED_REJECTION',
      decisionId: command.decisionId,
      ...note,
    });
  }
  return out.done();
}

/** The body of `POST /v1/cases/{id}/cancel`. */
export const cancelCaseSchema = z.object({ note: z.string().max(5000).optional() });
/** A customer's cancellation. */
export type CancelCaseCommand = z.infer<typeof cancelCaseSchema>;

/** The statuses in which the customer may cancel (before the return is picked up or shipped). */
export const CANCELLABLE_STATUSES: readonly CaseStatus[] = [
  'PENDING_MERCHANT_REVIEW',
  'REJECTED',
  'ESCALATED',
  'IN_ARBITRATION',
  'AWAITING_RETURN',
];

/**
 * The customer cancels before the return is picked up or shipped (and before any inspection). A
 * booked pickup is then cancelled by the workflow (PICKUP_CANCELLED, see `nextSteps`). A repeat on a
 * cancelled case changes nothing.
 */
export function decideCancel(state: CaseState, input: CancelCaseCommand, ctx: DecideContext): Decision {
  const parsed = parse(state, cancelCaseSchema, input ?? {});
  if (!parsed.ok) return parsed.decision;
  if (state.status === 'CANCELLED') return duplicate();
  if (state.status === null || !CANCELLABLE_STATUSES.includes(state.status) || state.inspection !== null) {
    return notAllowed(state, 'cancelling');
  }
  const shipment = state.returnShipment;
  if (
    shipment &&
    shipment.status !== 'NOT_SHIPPED' &&
    shipment.status !== 'BOOKED' &&
    shipment.status !== 'CANCELLED'
  ) {
    return notAllowed(state, 'cancelling after the return was picked up or shipped');
  }
  const out = new Emitter(state, ctx);
  out.emit('CASE_CANCELLED', parsed.value.note ? { note: parsed.value.note } : {});
  return out.done();
}

/** The body of `POST /v1/cases/{id}/return-shipment`. */
export const returnShipmentSchema = z.object({ carrier: idSchema, trackingNumber: idSchema });
/** A self-shipped return. */
export type ReturnShipmentCommand = z.infer<typeof returnShipmentSchema>;

/** The customer registers a self-shipped return (AWAITING_RETURN, SELF_SHIP): stops the ship-by clock. Idempotent on the tracking number. */
export function decideRegisterReturnShipment(
  state: CaseState,
  input: ReturnShipmentCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parse(state, returnShipmentSchema, input);
  if (!parsed.ok) return parsed.decision;
  const { carrier, trackingNumber } = parsed.value;
  if (state.returnShipment?.method === 'SELF_SHIP' && state.returnShipment.trackingNumber === trackingNumber)
    return duplicate();
  if (state.status !== 'AWAITING_RETURN' || state.request?.returnMethod !== 'SELF_SHIP') {
    return notAllowed(state, 'registering a self-shipped return');
  }
  const out = new Emitter(state, ctx);
  out.emit('RETURN_SHIPMENT_REGISTERED', { carrier, trackingNumber });
  return out.done();
}

/** The body of `POST /v1/cases/{id}/escalate`. */
export const escalateSchema = z.object({
  escalationId: idSchema,
  note: z.string().min(1).max(5000),
  evidence: z.array(evidenceSchema).max(50).optional(),
});
/** A customer's escalation. */
export type EscalateCommand = z.infer<typeof escalateSchema>;

/** The customer escalates a rejection (by the merchant, or of units refused at inspection); the merchant-answer clock starts. Idempotent on `escalationId`. */
export function decideEscalate(state: CaseState, input: EscalateCommand, ctx: DecideContext): Decision {
  const parsed = parse(state, escalateSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.escalation(command.escalationId))) return duplicate();
  const clocks = clocksOf(state);
  if (state.status !== 'REJECTED' || !clocks) return notAllowed(state, 'escalating');
  const out = new Emitter(state, ctx);
  out.emit('CASE_ESCALATED', {
    escalationId: command.escalationId,
    note: command.note,
    evidence: command.evidence ?? [],
    merchantAnswerBy: due(ctx, clocks.merchantEscalationAnswer),
  });
  return out.done();
}

/** The body of `POST /v1/cases/{id}/arbitration`. */
export const arbitrationSchema = z.object({
  rulingId: idSchema,
  ruling: z.enum(['CUSTOMER_FAVOR', 'MERCHANT_FAVOR']),
  refundAmount: moneySchema.optional(),
  note: z.string().min(1).max(5000),
});
/** An ops ruling. */
export type ArbitrationCommand = z.infer<typeof arbitrationSchema>;

/**
 * Ops rule an escalated case (IN_ARBITRATION): CUSTOMER_FAVOR approves (with `refundAmount`: a refund
 * without return, capped at what is left of the paid total), MERCHANT_FAVOR closes. Idempotent on `rulingId`.
 */
export function decideArbitrationRuling(
  state: CaseState,
  input: ArbitrationCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parse(state, arbitrationSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.ruling(command.rulingId))) return duplicate();
  if (state.status !== 'IN_ARBITRATION') return notAllowed(state, 'an arbitration ruling');
  if (command.refundAmount && command.ruling === 'MERCHANT_FAVOR') {
    return fail(state, 'VALIDATION_FAILED', 'refundAmount goes with CUSTOMER_FAVOR', [
      { path: 'refundAmount', message: 'only with CUSTOMER_FAVOR' },
    ]);
  }
  const amountError = checkRefundAmount(state, command.refundAmount, refundLeft(state));
  if (amountError) return amountError;
  const out = new Emitter(state, ctx);
  out.emit('ARBITRATION_RULED', {
    rulingId: command.rulingId,
    ruling: command.ruling,
    note: command.note,
    ...(command.refundAmount ? { refundAmount: command.refundAmount } : {}),
  });
  if (command.ruling === 'CUSTOMER_FAVOR') {
    approve(out, 'ARBITRATION', {
      rulingId: command.rulingId,
      note: command.note,
      ...(command.refundAmount ? { refundAmount: command.refundAmount } : {}),
    });
  } else {
    out.emit('CASE_CLOSED', { reason: 'ARBITRATION_MERCHANT_FAVOR' });
  }
  return out.done();
}

/** The body of `POST /v1/carrier/events` (routed to the case owning the tracking number). */
export const carrierScanSchema = z.object({
  eventId: idSchema,
  trackingNumber: idSchema,
  event: z.enum(CARRIER_SCANS),
  occurredAt: isoTimestampSchema,
});
/** A carrier scan. */
export type CarrierScanCommand = z.infer<typeof carrierScanSchema>;

/**
 * Records a carrier scan of the return parcel: PICKED_UP/IN_TRANSIT move the case to
 * RETURN_IN_TRANSIT (and grant the fast refund when eligible), DELIVERED to AWAITING_INSPECTION with
 * the inspect-by clock counted from the scan, EXCEPTION flags the case. A late scan never moves the
 * parcel back. Idempotent on `eventId`.
 */
export function decideCarrierScan(state: CaseState, input: CarrierScanCommand, ctx: DecideContext): Decision {
  const parsed = parse(state, carrierScanSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.carrierEvent(command.eventId))) return duplicate();
  const shipment = state.returnShipment;
  const clocks = clocksOf(state);
  if (!shipment || !clocks || shipment.trackingNumber === null)
    return notAllowed(state, 'a carrier scan before the return ships');
  if (shipment.trackingNumber !== command.trackingNumber) {
    return fail(
      state,
      'UNKNOWN_TRACKING_NUMBER',
      `tracking number ${command.trackingNumber} is not this case's`,
    );
  }
  const scannedAt = new Date(command.occurredAt).toISOString();
  const out = new Emitter(state, ctx);
  const arrives =
    command.event === 'DELIVERED' &&
    (state.status === 'AWAITING_RETURN' || state.status === 'RETURN_IN_TRANSIT');
  out.emit('CARRIER_SCAN_RECORDED', {
    eventId: command.eventId,
    trackingNumber: command.trackingNumber,
    scan: command.event,
    scannedAt,
    inspectBy: arrives ? addDuration(new Date(scannedAt), clocks.warehouseInspect) : null,
  });
  const moving = command.event === 'PICKED_UP' || command.event === 'IN_TRANSIT';
  const eligibility = state.eligibility;
  if (
    moving &&
    eligibility?.fastRefundEligible &&
    state.fastRefund === null &&
    state.inspection === null &&
    out.state.status === 'RETURN_IN_TRANSIT'
  ) {
    const left = refundLeft(out.state);
    const cap = state.approval?.refundCap;
    const amount = { amount: Math.min(left.amount, cap ? cap.amount : left.amount), currency: left.currency };
    if (amount.amount > 0) {
      const ids = nextRefundIds(out.state);
      out.emit('FAST_REFUND_GRANTED', { refundId: ids.refundId, amount }, SYSTEM);
      out.emit('REFUND_REQUESTED', { ...ids, amount, purpose: 'FAST_REFUND' }, SYSTEM);
    }
  }
  return out.done();
}

/** The body of `POST /v1/cases/{id}/inspection`. */
export const inspectionSchema = z.object({
  inspectionId: idSchema,
  warehouseId: idSchema,
  inspector: idSchema,
  items: z
    .array(
      z.object({
        sku: idSchema,
        quantity: z.int().min(1),
        grade: z.enum(GRADES),
        notes: z.string().max(5000).optional(),
      }),
    )
    .min(1),
});
/** A warehouse inspection. */
export type InspectionCommand = z.infer<typeof inspectionSchema>;

/**
 * Records the per-unit grades (every unit of the case graded exactly once) and settles: refund,
 * replacement or repair per grade, refused units, supplier returns of defective units. Idempotent on
 * `inspectionId`.
 */
export function decideInspection(state: CaseState, input: InspectionCommand, ctx: DecideContext): Decision {
  const parsed = parse(state, inspectionSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.inspection(command.inspectionId))) return duplicate();
  const request = state.request;
  const profile = state.profile;
  if (state.status !== 'AWAITING_INSPECTION' || !request || !profile)
    return notAllowed(state, 'an inspection');
  const details: DomainErrorDetail[] = [];
  const graded = new Map<string, number>();
  command.items.forEach((line, index) => {
    if (!request.items.some((item) => item.sku === line.sku)) {
      details.push({ path: `items.${index}.sku`, message: `${line.sku} is not an item of the case` });
    }
    graded.set(line.sku, (graded.get(line.sku) ?? 0) + line.quantity);
  });
  if (details.length > 0)
    return fail(state, 'UNKNOWN_ITEM', 'the inspection names SKUs the case does not have', details);
  request.items.forEach((item, index) => {
    const count = graded.get(item.sku) ?? 0;
    if (count !== item.quantity) {
      details.push({
        path: `items`,
        message: `${item.sku}: ${count} unit(s) graded, the case has ${item.quantity}`,
        code: `QUANTITY_MISMATCH_${index}`,
      });
    }
  });
  if (details.length > 0)
    return fail(state, 'VALIDATION_FAILED', 'every unit of the case must be graded exactly once', details);
  const out = new Emitter(state, ctx);
  out.emit('INSPECTION_RECORDED', {
    inspectionId: command.inspectionId,
    warehouseId: command.warehouseId,
    inspector: command.inspector,
    units: command.items.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      grade: line.grade as Grade,
      disposition: dispositionOf(line.grade),
      ...(line.notes ? { notes: line.notes } : {}),
    })),
  });
  settle(
    out,
    settleInspection({
      caseType: request.type,
      reason: request.reason,
      items: request.items,
      units: command.items,
      wearDeductionPercent: profile.wearDeductionPercent,
      money: settlementMoney(out.state, state.approval?.refundCap ?? null),
    }),
  );
  return out.done();
}

// ---------------------------------------------------------------------------------------------
// Clocks

/** The clocks of DOMAIN.md, each backed by a deadline of the state. */
export const CASE_CLOCKS = [
  'MERCHANT_RESPONSE',
  'CUSTOMER_SHIP',
  'WAREHOUSE_INSPECT',
  'ESCALATION_WINDOW',
  'MERCHANT_ESCALATION_ANSWER',
  'REFUND_AFTER_INSPECTION',
  'REPLACEMENT_SHIP',
  'REPAIR_DURATION',
] as const;
/** A clock of the case. */
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** The deadline field of each clock. */
export const CLOCK_DEADLINES = {
  MERCHANT_RESPONSE: 'merchantRespondBy',
  CUSTOMER_SHIP: 'customerShipBy',
  WAREHOUSE_INSPECT: 'inspectBy',
  ESCALATION_WINDOW: 'escalateBy',
  MERCHANT_ESCALATION_ANSWER: 'merchantAnswerBy',
  REFUND_AFTER_INSPECTION: 'refundBy',
  REPLACEMENT_SHIP: 'replacementShipBy',
  REPAIR_DURATION: 'repairBy',
} as const satisfies Record<CaseClock, keyof CaseState['deadlines']>;

/** What each clock does when it expires. */
export const CLOCK_EXPIRY_ACTIONS: Readonly<Record<CaseClock, string>> = {
  MERCHANT_RESPONSE: 'auto-approve',
  CUSTOMER_SHIP: 'close the case (RETURN_NOT_SHIPPED)',
  WAREHOUSE_INSPECT: 'refund in full',
  ESCALATION_WINDOW: 'close the case (ESCALATION_WINDOW_EXPIRED)',
  MERCHANT_ESCALATION_ANSWER: 'open arbitration',
  REFUND_AFTER_INSPECTION: 'flag the case as stuck (SLA)',
  REPLACEMENT_SHIP: 'flag the case as stuck (SLA)',
  REPAIR_DURATION: 'convert the repair into an exchange or refund',
};

/** A clock fired; `convertTo` chooses what a too-long repair becomes (REFUND when omitted). */
export interface ClockExpiredCommand {
  readonly clock: CaseClock;
  readonly convertTo?: RepairConvertedData['to'];
}

/**
 * A durable timer fired: applies the clock's default action. Refused with CLOCK_NOT_DUE when the
 * clock is no longer running (the case moved on) or not yet due, so a late timer is harmless.
 */
export function decideClockExpired(
  state: CaseState,
  command: ClockExpiredCommand,
  ctx: DecideContext,
): Decision {
  const field = CLOCK_DEADLINES[command.clock];
  if (!field)
    return fail(state, 'VALIDATION_FAILED', 'unknown clock', [
      { path: 'clock', message: `unknown clock ${String(command.clock)}` },
    ]);
  const dueAt = state.deadlines[field];
  if (dueAt === null) return fail(state, 'CLOCK_NOT_DUE', `${command.clock} is not running`);
  if (ctx.now.getTime() < Date.parse(dueAt))
    return fail(state, 'CLOCK_NOT_DUE', `${command.clock} is due at ${dueAt}`);
  const request = state.request;
  if (!request) return notAllowed(state, 'a clock');
  const out = new Emitter(state, { now: ctx.now, actor: ctx.actor });
  switch (command.clock) {
    case 'MERCHANT_RESPONSE':
      approve(out, 'TIMEOUT', {});
      break;
    case 'CUSTOMER_SHIP':
      out.emit('CASE_CLOSED', { reason: 'RETURN_NOT_SHIPPED' });
      break;
    case 'WAREHOUSE_INSPECT':
      settle(
        out,
        settleFullRefund(
          'INSPECTION_TIMEOUT',
          request.items,
          settlementMoney(state, state.approval?.refundCap ?? null),
        ),
      );
      break;
    case 'ESCALATION_WINDOW':
      out.emit('CASE_CLOSED', { reason: 'ESCALATION_WINDOW_EXPIRED' });
      break;
    case 'MERCHANT_ESCALATION_ANSWER':
      out.emit('ARBITRATION_OPENED', { cause: 'MERCHANT_DID_NOT_ANSWER' });
      break;
    case 'REFUND_AFTER_INSPECTION':
      out.emit('SLA_BREACHED', { clock: 'REFUND_AFTER_INSPECTION', dueAt });
      break;
    case 'REPLACEMENT_SHIP':
      out.emit('SLA_BREACHED', { clock: 'REPLACEMENT_SHIP', dueAt });
      break;
    case 'REPAIR_DURATION':
      convertRepair(out, 'TOO_LONG', command.convertTo ?? 'REFUND');
      break;
    default:
      return assertNever(command.clock, 'clock');
  }
  return out.done();
}

// ---------------------------------------------------------------------------------------------
// Results of the workflow's activities

/** A pickup was booked with a carrier. Allowed in AWAITING_RETURN of a PICKUP case; idempotent on `bookingId`. */
export function decidePickupBooked(
  state: CaseState,
  command: { bookingId: string; carrier: string; trackingNumber: string },
  ctx: DecideContext,
): Decision {
  if (state.returnShipment?.bookingId === command.bookingId) return duplicate();
  if (state.status !== 'AWAITING_RETURN' || state.request?.returnMethod !== 'PICKUP')
    return notAllowed(state, 'booking a pickup');
  if (
    state.returnShipment &&
    state.returnShipment.status !== 'NOT_SHIPPED' &&
    state.returnShipment.status !== 'CANCELLED'
  ) {
    return notAllowed(state, 'booking a second pickup');
  }
  const out = new Emitter(state, ctx);
  out.emit('PICKUP_BOOKED', { ...command });
  return out.done();
}

/** The pickup booking was cancelled (compensation after a cancellation or a closed case). Idempotent. */
export function decidePickupCancelled(
  state: CaseState,
  command: { bookingId: string; reason: string },
  ctx: DecideContext,
): Decision {
  const shipment = state.returnShipment;
  if (!shipment || shipment.bookingId !== command.bookingId)
    return fail(state, 'UNKNOWN_REFERENCE', `no booking ${command.bookingId}`);
  if (shipment.status === 'CANCELLED') return duplicate();
  if (shipment.status !== 'BOOKED') return notAllowed(state, 'cancelling a pickup that has been picked up');
  const out = new Emitter(state, ctx);
  out.emit('PICKUP_CANCELLED', { ...command });
  return out.done();
}

/** A return-shipping insurance claim was filed (after pickup, when the assessment says one is due). Idempotent on `claimId`. */
export function decideInsuranceClaimFiled(
  state: CaseState,
  command: { claimId: string },
  ctx: DecideContext,
): Decision {
  if (state.insuranceClaim?.claimId === command.claimId) return duplicate();
  if (!state.eligibility?.insuranceClaimDue || state.insuranceClaim !== null)
    return notAllowed(state, 'an insurance claim');
  const out = new Emitter(state, ctx);
  out.emit('INSURANCE_CLAIM_FILED', { claimId: command.claimId });
  return out.done();
}

/** The insurer paid the freight claim. */
export function decideInsuranceClaimPaid(
  state: CaseState,
  command: { claimId: string; amount: Money },
  ctx: DecideContext,
): Decision {
  if (state.insuranceClaim?.claimId !== command.claimId)
    return fail(state, 'UNKNOWN_REFERENCE', `no claim ${command.claimId}`);
  if (state.insuranceClaim.status === 'PAID') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('INSURANCE_CLAIM_PAID', { ...command });
  return out.done();
}

/** The refund system paid a refund; the case completes when nothing else is pending. Idempotent. */
export function decideRefundSucceeded(
  state: CaseState,
  command: { refundId: string; externalRef?: string },
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status === 'SUCCEEDED') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('REFUND_SUCCEEDED', {
    refundId: command.refundId,
    ...(command.externalRef ? { externalRef: command.externalRef } : {}),
  });
  finishIfDone(out);
  return out.done();
}

/** The refund failed for good (non-retryable, or retries exhausted): the case is flagged for ops. */
export function decideRefundFailed(
  state: CaseState,
  command: { refundId: string; errorCode: string; message: string },
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status !== 'PENDING') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('REFUND_FAILED', { ...command });
  return out.done();
}

/** Ops retry a failed refund: the same refund id and idempotency key are requested again. */
export function decideRefundRetry(
  state: CaseState,
  command: { refundId: string; reason: string },
  ctx: DecideContext,
): Decision {
  const refund = state.refunds.find((candidate) => candidate.refundId === command.refundId);
  if (!refund) return fail(state, 'UNKNOWN_REFERENCE', `no refund ${command.refundId}`);
  if (refund.status !== 'FAILED') return notAllowed(state, `retrying a ${refund.status} refund`);
  const out = new Emitter(state, ctx);
  out.emit('OPS_ACTION_RECORDED', {
    action: 'RETRY_REFUND',
    reason: command.reason,
    refundId: refund.refundId,
  });
  out.emit('REFUND_REQUESTED', {
    refundId: refund.refundId,
    idempotencyKey: refund.idempotencyKey,
    amount: refund.amount,
    purpose: refund.purpose,
  });
  return out.done();
}

/** Stock was reserved for the replacement (REPLACING). Idempotent on `reservationId`. */
export function decideReplacementReserved(
  state: CaseState,
  command: { reservationId: string },
  ctx: DecideContext,
): Decision {
  if (state.replacement?.reservationId === command.reservationId) return duplicate();
  if (state.status !== 'REPLACING' || state.replacement?.status !== 'PENDING')
    return notAllowed(state, 'reserving a replacement');
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_RESERVED', { reservationId: command.reservationId });
  return out.done();
}

/** The replacement shipped (REPLACING): the case completes (or opens the refusal of refused units). Idempotent on the tracking number. */
export function decideReplacementShipped(
  state: CaseState,
  command: { carrier: string; trackingNumber: string },
  ctx: DecideContext,
): Decision {
  if (state.replacement?.status === 'SHIPPED' && state.replacement.trackingNumber === command.trackingNumber)
    return duplicate();
  if (state.status !== 'REPLACING' || state.replacement?.status === 'SHIPPED')
    return notAllowed(state, 'shipping a replacement');
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_SHIPPED', { ...command });
  finishIfDone(out);
  return out.done();
}

/** No stock for the replacement (REPLACING): compensation by a refund of the replaced units. */
export function decideReplacementUnavailable(
  state: CaseState,
  command: { reason: string },
  ctx: DecideContext,
): Decision {
  if (
    state.status !== 'REPLACING' ||
    !state.settlement ||
    state.replacement?.status === 'SHIPPED' ||
    state.replacement?.status === 'UNAVAILABLE'
  ) {
    return notAllowed(state, 'a replacement fallback');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_UNAVAILABLE', { reason: command.reason });
  settle(
    out,
    settleLinesAsRefund(
      'REPLACEMENT_UNAVAILABLE',
      state.settlement.lines,
      (line) => line.outcome === 'REPLACE',
      settlementMoney(out.state, null),
    ),
  );
  return out.done();
}

/** The goods went to the repair centre (REPAIRING, no repair in progress). Idempotent on `repairId`. */
export function decideRepairStarted(
  state: CaseState,
  command: { repairId: string },
  ctx: DecideContext,
): Decision {
  if (state.repair?.status === 'IN_REPAIR' && state.repair.repairId === command.repairId) return duplicate();
  if (state.status !== 'REPAIRING' || state.repair?.status !== 'PENDING')
    return notAllowed(state, 'starting a repair');
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_STARTED', { repairId: command.repairId, attempt: state.repair.attempts + 1 });
  return out.done();
}

function convertRepair(
  out: Emitter,
  cause: RepairConvertedData['cause'],
  to: RepairConvertedData['to'],
): void {
  const settlement = out.state.settlement;
  out.emit('REPAIR_CONVERTED', { cause, to }, SYSTEM);
  if (!settlement) return;
  settle(
    out,
    settleLinesAsRefund(
      'REPAIR_CONVERTED',
      settlement.lines,
      (line) => line.outcome === 'REPAIR',
      settlementMoney(out.state, null),
      to === 'EXCHANGE' ? 'REPLACE' : 'REFUND',
    ),
  );
}

/**
 * A repair attempt failed; at the profile's `maxRepairFailures` (2) the repair becomes an exchange or
 * a refund (`convertTo`, REFUND when omitted). Idempotent per attempt.
 */
export function decideRepairFailed(
  state: CaseState,
  command: { repairId: string; reason: string; convertTo?: RepairConvertedData['to'] },
  ctx: DecideContext,
): Decision {
  const repair = state.repair;
  if (repair?.repairId === command.repairId && repair.status !== 'IN_REPAIR') return duplicate();
  if (
    state.status !== 'REPAIRING' ||
    repair?.status !== 'IN_REPAIR' ||
    repair.repairId !== command.repairId ||
    !state.profile
  ) {
    return notAllowed(state, 'a failed repair');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_FAILED', { repairId: command.repairId, attempt: repair.attempts, reason: command.reason });
  if (repair.failures + 1 >= state.profile.maxRepairFailures)
    convertRepair(out, 'REPEATED_FAILURES', command.convertTo ?? 'REFUND');
  return out.done();
}

/** The repaired goods were shipped back (REPAIRING): the case completes. Idempotent. */
export function decideRepairCompleted(
  state: CaseState,
  command: { repairId: string; carrier?: string; trackingNumber?: string },
  ctx: DecideContext,
): Decision {
  const repair = state.repair;
  if (repair?.repairId === command.repairId && repair.status === 'COMPLETED') return duplicate();
  if (
    state.status !== 'REPAIRING' ||
    repair?.status !== 'IN_REPAIR' ||
    repair.repairId !== command.repairId
  ) {
    return notAllowed(state, 'completing a repair');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_COMPLETED', { ...command });
  finishIfDone(out);
  return out.done();
}

/** The supplier batch holding the case's units shipped (any status: the case may be completed already). Idempotent. */
export function decideSupplierReturnShipped(
  state: CaseState,
  command: { batchId: string; supplierId?: string },
  ctx: DecideContext,
): Decision {
  if (state.supplierReturns.some((entry) => entry.batchId === command.batchId)) return duplicate();
  const pending = state.supplierReturns.find(
    (entry) =>
      entry.batchId === null && (command.supplierId === undefined || entry.supplierId === command.supplierId),
  );
  if (!pending)
    return fail(state, 'UNKNOWN_REFERENCE', `no supplier return waits for batch ${command.batchId}`);
  const out = new Emitter(state, ctx);
  out.emit('SUPPLIER_RETURN_SHIPPED', { batchId: command.batchId, supplierId: pending.supplierId });
  return out.done();
}

/** The supplier's credit note closed the batch. Idempotent. */
export function decideSupplierReturnCredited(
  state: CaseState,
  command: { batchId: string; creditNoteId: string; amount?: Money },
  ctx: DecideContext,
): Decision {
  const entry = state.supplierReturns.find((candidate) => candidate.batchId === command.batchId);
  if (!entry) return fail(state, 'UNKNOWN_REFERENCE', `no supplier return in batch ${command.batchId}`);
  if (entry.status === 'CREDITED') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('SUPPLIER_RETURN_CREDITED', { ...command });
  return out.done();
}

/** Ops record an intervention (reset, replay, flags cleared, a note); refund retries go through decideRefundRetry. */
export function decideOpsAction(
  state: CaseState,
  command: { action: 'RESET' | 'REPLAY' | 'CLEAR_FLAGS' | 'NOTE'; reason: string },
  ctx: DecideContext,
): Decision {
  if (state.status === null) return notAllowed(state, 'an ops action');
  const out = new Emitter(state, ctx);
  out.emit('OPS_ACTION_RECORDED', { action: command.action, reason: command.reason });
  return out.done();
}

/** Folds a decision's events onto the state (the state unchanged for an error or a duplicate). */
export function applyDecision(state: CaseState, decision: Decision): CaseState {
  return decision.ok ? decision.events.reduce(evolve, state) : state;
}
