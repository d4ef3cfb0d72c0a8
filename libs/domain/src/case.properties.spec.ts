import fc from 'fast-check';
import {
  Decision,
  DecideContext,
  applyDecision,
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
} from './decide';
import { CASE_EVENT_TYPES, CaseEvent, toCaseEvent } from './case.events';
import { evolve } from './case.evolve';
import { NextStep, nextSteps } from './case.next-steps';
import { TEST_ACTORS as A } from './case.scenario.testing';
import { CaseState, allRefunds, initialCaseState } from './case.state';
import { makeCaseItem, makeCaseRequest } from './case.testing';
import { CASE_STATUSES, CaseRequest, GRADES, isTerminalStatus } from './case.types';
import { toCaseView } from './case.view';
import { paidTotal } from './eligibility';
import { DEFAULT_POLICY } from './policy.default';

const T0 = new Date('2026-11-04T02:00:00.000Z');

/** The requests the walks start from: every type, both tiers, both profiles, pickup and self-ship. */
const requestArb: fc.Arbitrary<CaseRequest> = fc
  .record({
    kind: fc.constantFrom('NO_REASON', 'QUALITY_RETURN', 'EXCHANGE', 'REPAIR', 'FRESH', 'PRICE'),
    tier: fc.constantFrom('STANDARD', 'TRUSTED'),
    method: fc.constantFrom('PICKUP', 'SELF_SHIP'),
    plus: fc.boolean(),
    insurance: fc.boolean(),
    prices: fc.array(
      fc.record({ amount: fc.integer({ min: 1, max: 80000 }), quantity: fc.integer({ min: 1, max: 3 }) }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ kind, tier, method, plus, insurance, prices }) => {
    const items = prices.map((price, index) =>
      makeCaseItem({
        sku: `sku-${index}`,
        quantity: price.quantity,
        unitPrice: { amount: price.amount, currency: 'CNY' },
        category: kind === 'FRESH' ? 'FRESH' : 'GENERAL',
      }),
    );
    const base = {
      merchantId: plus || kind === 'PRICE' ? 'm-jd-style' : 'm-1',
      customerTier: tier,
      items,
      shippingInsurance: insurance,
    } as const;
    const noReturn = { returnMethod: 'NONE', pickupAddress: undefined } as const;
    switch (kind) {
      case 'NO_REASON':
        return makeCaseRequest({ ...base, returnMethod: method });
      case 'QUALITY_RETURN':
        return makeCaseRequest({ ...base, returnMethod: method, reason: 'QUALITY_ISSUE' });
      case 'EXCHANGE':
        return makeCaseRequest({
          ...base,
          returnMethod: method,
          type: 'EXCHANGE',
          reason: 'NOT_AS_DESCRIBED',
        });
      case 'REPAIR':
        return makeCaseRequest({ ...base, returnMethod: method, type: 'REPAIR', reason: 'QUALITY_ISSUE' });
      case 'FRESH':
        return makeCaseRequest({
          ...base,
          ...noReturn,
          type: 'REFUND_ONLY',
          reason: 'SPOILED',
          evidence: [{ kind: 'PHOTO', url: 'https://p' }],
        });
      default:
        return makeCaseRequest({
          ...base,
          ...noReturn,
          type: 'PRICE_PROTECTION',
          reason: 'PRICE_DROP',
          items: items.map((item) => ({
            ...item,
            currentUnitPrice: { amount: Math.floor(item.unitPrice.amount / 2), currency: 'CNY' },
          })),
        });
    }
  });

type Candidate = (state: CaseState, ctx: DecideContext, pick: number) => Decision;

/** The commands that could move the case on from a next step, with choices driven by `pick`. */
function candidatesFor(step: NextStep, state: CaseState): Array<{ run: Candidate; at?: string }> {
  const n = state.version;
  const money = (pick: number) => ({
    amount: (pick * 977) % (paidTotal(state.request?.items ?? []).amount + 1),
    currency: 'CNY',
  });
  switch (step.kind) {
    case 'CLOCK':
      return [
        {
          run: (s, c, pick) =>
            decideClockExpired(s, { clock: step.clock, convertTo: pick % 2 ? 'EXCHANGE' : 'REFUND' }, c),
          at: step.dueAt,
        },
      ];
    case 'ACTION':
      switch (step.action) {
        case 'MERCHANT_DECISION':
          return [
            {
              run: (s, c, pick) =>
                decideMerchantDecision(
                  s,
                  { decisionId: `d-${n}`, decision: pick % 2 ? 'APPROVE' : 'REJECT' },
                  c,
                ),
            },
            {
              run: (s, c, pick) =>
                decideMerchantDecision(
                  s,
                  { decisionId: `d-${n}`, decision: 'APPROVE', refundAmount: money(pick) },
                  c,
                ),
            },
          ];
        case 'CANCEL':
          return [{ run: (s, c) => decideCancel(s, {}, c) }];
        case 'REGISTER_RETURN_SHIPMENT':
          return [
            {
              run: (s, c) => decideRegisterReturnShipment(s, { carrier: 'SF', trackingNumber: 'SELF-1' }, c),
            },
          ];
        case 'ESCALATE':
          return [{ run: (s, c) => decideEscalate(s, { escalationId: `e-${n}`, note: 'please' }, c) }];
        case 'ARBITRATION_RULING':
          return [
            {
              run: (s, c, pick) =>
                decideArbitrationRuling(
                  s,
                  {
                    rulingId: `r-${n}`,
                    ruling: pick % 2 ? 'CUSTOMER_FAVOR' : 'MERCHANT_FAVOR',
                    note: 'ruled',
                  },
                  c,
                ),
            },
            {
              run: (s, c, pick) =>
                decideArbitrationRuling(
                  s,
                  { rulingId: `r-${n}`, ruling: 'CUSTOMER_FAVOR', refundAmount: money(pick), note: 'ruled' },
                  c,
                ),
            },
          ];
        case 'CARRIER_SCAN':
          return [
            {
              run: (s, c, pick) =>
                decideCarrierScan(
                  s,
                  {
                    eventId: `ev-${n}`,
                    trackingNumber: s.returnShipment?.trackingNumber ?? '?',
                    event: (['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION'] as const)[pick % 4],
                    occurredAt: c.now.toISOString(),
                  },
                  c,
                ),
            },
          ];
        case 'INSPECTION':
          return [
            {
              run: (s, c, pick) =>
                decideInspection(
                  s,
                  {
                    inspectionId: `i-${n}`,
                    warehouseId: 'wh',
                    inspector: 'w',
                    items: (s.request?.items ?? []).map((item, index) => ({
                      sku: item.sku,
                      quantity: item.quantity,
                      grade: GRADES[(pick + index * 3) % GRADES.length],
                    })),
                  },
                  c,
                ),
            },
          ];
        case 'OPS_RETRY_REFUND':
          return [
            {
              run: (s, c) =>
                decideRefundRetry(
                  s,
                  {
                    refundId: s.refunds.find((r) => r.status === 'FAILED')?.refundId ?? '?',
                    reason: 'retry',
                  },
                  c,
                ),
            },
          ];
        default:
          return [];
      }
    case 'SYSTEM':
      switch (step.step) {
        case 'BOOK_PICKUP':
          return [
            {
              run: (s, c) =>
                decidePickupBooked(s, { bookingId: `b-${n}`, carrier: 'SF', trackingNumber: `SF-${n}` }, c),
            },
          ];
        case 'CANCEL_PICKUP':
          return [
            {
              run: (s, c) =>
                decidePickupCancelled(s, { bookingId: step.ref.bookingId, reason: 'compensation' }, c),
            },
          ];
        case 'FILE_INSURANCE_CLAIM':
          return [{ run: (s, c) => decideInsuranceClaimFiled(s, { claimId: `ins-${n}` }, c) }];
        case 'CALL_REFUND':
          return [
            { run: (s, c) => decideRefundSucceeded(s, { refundId: step.ref.refundId }, c) },
            {
              run: (s, c) =>
                decideRefundFailed(
                  s,
                  { refundId: step.ref.refundId, errorCode: 'DECLINED', message: 'no' },
                  c,
                ),
            },
          ];
        case 'RESERVE_REPLACEMENT':
          return [
            { run: (s, c) => decideReplacementReserved(s, { reservationIds: [`res-${n}`] }, c) },
            { run: (s, c) => decideReplacementUnavailable(s, { reason: 'no stock' }, c) },
          ];
        case 'SHIP_REPLACEMENT':
          return [
            { run: (s, c) => decideReplacementShipped(s, { carrier: 'SF', trackingNumber: `R-${n}` }, c) },
          ];
        case 'START_REPAIR':
          return [{ run: (s, c) => decideRepairStarted(s, { repairId: `rep-${n}` }, c) }];
        case 'AWAIT_REPAIR_RESULT':
          return [
            { run: (s, c) => decideRepairFailed(s, { repairId: step.ref.repairId, reason: 'no fix' }, c) },
            { run: (s, c) => decideRepairCompleted(s, { repairId: step.ref.repairId }, c) },
          ];
        case 'AWAIT_INSURANCE_PAYOUT':
          return [
            {
              run: (s, c) =>
                decideInsuranceClaimPaid(
                  s,
                  { claimId: step.ref.claimId, amount: { amount: 1200, currency: 'CNY' } },
                  c,
                ),
            },
          ];
        case 'SEND_SUPPLIER_RETURN':
          return [
            {
              run: (s, c) =>
                decideSupplierReturnShipped(
                  s,
                  { batchId: `RTV-${step.ref.supplierId}-${n}`, supplierId: step.ref.supplierId },
                  c,
                ),
            },
          ];
        case 'AWAIT_SUPPLIER_BATCH':
          return [
            {
              run: (s, c) =>
                decideSupplierReturnCredited(s, { batchId: step.ref.batchId, creditNoteId: `cn-${n}` }, c),
            },
          ];
        default:
          return [];
      }
    default:
      return [];
  }
}

interface Walk {
  events: CaseEvent[];
  states: CaseState[];
  stuck: CaseState[];
  refusedClocks: string[];
}

/** Walks a case from a request through random accepted commands. */
function walk(request: CaseRequest, picks: readonly number[]): Walk {
  let now = T0;
  const events: CaseEvent[] = [];
  const states: CaseState[] = [];
  const stuck: CaseState[] = [];
  const refusedClocks: string[] = [];
  const opened = decideRequestCase(
    initialCaseState,
    { caseId: 'case-p', request, policy: DEFAULT_POLICY },
    { now, actor: A.customer },
  );
  if (!opened.ok) return { events, states, stuck, refusedClocks };
  let state = applyDecision(initialCaseState, opened);
  events.push(...opened.events);
  states.push(state);
  for (const pick of picks) {
    const steps = nextSteps(state);
    if (steps.length === 0) break;
    const candidates = steps.flatMap((step) => candidatesFor(step, state));
    // Liveness: from every non-terminal state some command is accepted and changes the case.
    if (!isTerminalStatus(state.status ?? 'COMPLETED')) {
      const movable = candidates.some(({ run, at }) => {
        const decision = run(
          state,
          { now: at ? new Date(Math.max(now.getTime(), Date.parse(at))) : now, actor: A.system },
          pick,
        );
        return decision.ok && decision.events.length > 0;
      });
      if (!movable) stuck.push(state);
    }
    const chosen = candidates[pick % candidates.length];
    if (!chosen) break;
    now = new Date(Math.max(now.getTime() + 60_000, chosen.at ? Date.parse(chosen.at) : 0));
    const decision = chosen.run(state, { now, actor: A.system }, Math.floor(pick / 7));
    if (chosen.at && !decision.ok) refusedClocks.push(decision.error.code);
    if (!decision.ok) continue;
    state = applyDecision(state, decision);
    events.push(...decision.events);
    states.push(state);
  }
  return { events, states, stuck, refusedClocks };
}

const walkArb = fc.tuple(requestArb, fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 40 }));
const fold = (events: readonly CaseEvent[]) => events.reduce(evolve, initialCaseState);

describe('properties of every reachable case', () => {
  it('never refunds more than was paid, never a negative or fractional amount', () => {
    fc.assert(
      fc.property(walkArb, ([request, picks]) => {
        const paid = paidTotal(request.items).amount;
        for (const state of walk(request, picks).states) {
          expect(allRefunds(state).amount).toBeLessThanOrEqual(paid);
          for (const refund of state.refunds) {
            expect(Number.isSafeInteger(refund.amount.amount)).toBe(true);
            expect(refund.amount.amount).toBeGreaterThan(0);
          }
          if (state.settlement) {
            for (const value of [
              state.settlement.entitled,
              state.settlement.refundDue,
              state.settlement.recoveryDue,
            ]) {
              expect(value.amount).toBeGreaterThanOrEqual(0);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same view when the same events are folded twice, or read back from their stored JSON', () => {
    fc.assert(
      fc.property(walkArb, ([request, picks]) => {
        const { events } = walk(request, picks);
        if (events.length === 0) return;
        const first = toCaseView(fold(events));
        expect(toCaseView(fold(events))).toEqual(first);
        const stored = events.map((event) => JSON.parse(JSON.stringify(event)) as CaseEvent);
        expect(toCaseView(fold(stored.map((event) => toCaseEvent(event))))).toEqual(first);
        expect(first.version).toBe(events.length);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no dead end: every reachable status besides COMPLETED, CANCELLED and CLOSED has a next step that is accepted', () => {
    fc.assert(
      fc.property(walkArb, ([request, picks]) => {
        const { states, stuck } = walk(request, picks);
        for (const state of states) {
          if (!isTerminalStatus(state.status ?? 'COMPLETED'))
            expect(nextSteps(state).length).toBeGreaterThan(0);
        }
        expect(stuck.map((state) => state.status)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches every status of API.md in some walk', () => {
    const seen = new Set<string>();
    const types = new Set<string>();
    fc.assert(
      fc.property(walkArb, ([request, picks]) => {
        const { states, events } = walk(request, picks);
        for (const state of states) seen.add(state.status ?? '');
        for (const event of events) types.add(event.type);
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
    // The walk takes no ops actions, SLA alerts, warehouse receipts or refused outside steps yet: those
    // events are proven by their own decide specs and workflow tests.
    const notWalked = [
      'OPS_ACTION_RECORDED',
      'SLA_BREACHED',
      'WAREHOUSE_RECEIPT_RECORDED',
      'STEP_REFUSED',
      'STEP_RETRIED',
      'STEP_RESOLVED',
    ];
    expect(CASE_EVENT_TYPES.filter((type) => !types.has(type))).toEqual(
      notWalked.filter((type) => !types.has(type)),
    );
  });

  it('accepts every running clock when it falls due', () => {
    fc.assert(
      fc.property(walkArb, ([request, picks]) => {
        expect(walk(request, picks).refusedClocks).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('opens every generated request (they are all eligible at the start)', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        expect(
          decideRequestCase(
            initialCaseState,
            { caseId: 'x', request, policy: DEFAULT_POLICY },
            { now: T0, actor: A.customer },
          ).ok,
        ).toBe(true);
      }),
    );
  });
});
