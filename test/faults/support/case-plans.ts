import { WorkflowHandle } from '@temporalio/client';
import {
  CaseRequest,
  CaseStatus,
  CaseView,
  ClosedReason,
  Grade,
  makeCaseItem,
  makeTestPolicy,
  Money,
  Policy,
  PolicyClocks,
} from '../../../libs/domain/src';
import {
  cancelCaseUpdate,
  carrierScanUpdate,
  inspectionUpdate,
  merchantDecisionUpdate,
  OrderLineFacts,
  returnShipmentUpdate,
} from '../../../workflows/after-sales-case.definitions';
import { actors, freshRequest } from '../../support/case-driver';

/** One action of the outside world on a case, sent when the case is ready for it. */
export interface CaseStep {
  name: string;
  /** The case is in a state where the action makes sense. */
  ready(view: CaseView): boolean;
  /** The action has been recorded (e.g. an earlier attempt went through although its answer was lost). */
  done(view: CaseView): boolean;
  /** Sends the action (an update with a stable update id and action id, so a retry is a no-op). */
  act(handle: WorkflowHandle, caseId: string, view: CaseView): Promise<unknown>;
}

/** A case to run through a fault: what it asks, what the outside world does, and how it must end. */
export interface CasePlan {
  kind: string;
  /** The request as the API builds it (contract v1.1): every item on a line of the order. */
  request: CaseRequest;
  /** The order's lines as the order system reported them: the case holds its lines' allowances (v1.1). */
  orderLines?: OrderLineFacts[];
  policy: Policy;
  steps: CaseStep[];
  expected: {
    status: CaseStatus;
    closedReason?: ClosedReason;
    /** The one payout the case must have in the refund ledger; null when it must have none. */
    refund: Money | null;
  };
}

/**
 * Every clock a plan does not mean to expire runs for minutes, so a fault that holds a case for
 * half a minute never changes its outcome; the clocks a plan lets expire run 6 s, so they are
 * still running when the fault strikes (once every case has started) and expire during it.
 */
const LONG_CLOCKS: PolicyClocks = {
  merchantResponse: 'PT3M',
  customerShip: 'PT3M',
  warehouseInspect: 'PT3M',
  escalationWindow: 'PT3M',
  merchantEscalationAnswer: 'PT3M',
  refundAfterInspection: 'PT3M',
  replacementShip: 'PT3M',
  repairMaxDuration: 'PT3M',
};

const SHORT = 'PT6S';

export function policyWith(clocks: Partial<PolicyClocks> = {}): Policy {
  return makeTestPolicy({ allProfiles: { clocks: { ...LONG_CLOCKS, ...clocks } } });
}

const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

/** A price unique to the case's number, so a payout for the wrong case would show. */
const priceOf = (n: number) => cny(10_000 + n * 137);

const isAfterReturn = (view: CaseView) =>
  !['PENDING_MERCHANT_REVIEW', 'REJECTED', 'ESCALATED', 'IN_ARBITRATION', 'AWAITING_RETURN'].includes(
    view.status,
  );

const shipmentBeyond = (view: CaseView, statuses: string[]) =>
  !!view.returnShipment && statuses.includes(view.returnShipment.status);

export function scanStep(event: 'PICKED_UP' | 'DELIVERED'): CaseStep {
  return {
    name: `scan ${event}`,
    ready: (view) => !!view.returnShipment?.trackingNumber,
    done: (view) =>
      event === 'DELIVERED'
        ? shipmentBeyond(view, ['DELIVERED']) || view.inspection !== null
        : shipmentBeyond(view, ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED']) || view.inspection !== null,
    act: (handle, caseId, view) =>
      handle.executeUpdate(carrierScanUpdate, {
        updateId: `${caseId}:scan:${event}`,
        args: [
          {
            actor: actors.carrier,
            eventId: `${caseId}:${event}`,
            trackingNumber: view.returnShipment?.trackingNumber as string,
            event,
            occurredAt: new Date().toISOString(),
          },
        ],
      }),
  };
}

export function inspectStep(grade: Grade): CaseStep {
  return {
    name: `inspect ${grade}`,
    ready: (view) => view.status === 'AWAITING_INSPECTION',
    done: (view) => view.inspection !== null,
    act: (handle, caseId) =>
      handle.executeUpdate(inspectionUpdate, {
        updateId: `${caseId}:inspection`,
        args: [
          {
            actor: actors.warehouse,
            inspectionId: `${caseId}:i`,
            warehouseId: 'wh-1',
            inspector: 'qa-1',
            items: [{ sku: 'sku-1', quantity: 1, grade }],
          },
        ],
      }),
  };
}

/** A no-reason doorstep-pickup return, auto-approved, picked up, delivered, graded A: one refund. */
function pickupGradedA(n: number): CasePlan {
  const price = priceOf(n);
  return {
    kind: 'pickup-graded-A',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: price })] }),
    policy: policyWith(),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED'), inspectStep('A_RESELLABLE')],
    expected: { status: 'COMPLETED', refund: price },
  };
}

/** A delivered return the warehouse never inspects: refunded in full when the inspect-by clock expires. */
function inspectTimeout(n: number): CasePlan {
  const price = priceOf(n);
  return {
    kind: 'inspect-timeout',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: price })] }),
    policy: policyWith({ warehouseInspect: SHORT }),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED')],
    expected: { status: 'COMPLETED', refund: price },
  };
}

/** A fresh-food refund-only claim with a photo: auto-approved and refunded without a return. */
function freshClaim(n: number): CasePlan {
  const price = priceOf(n);
  return {
    kind: 'fresh-claim',
    request: freshRequest({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [makeCaseItem({ sku: 'sku-fresh', category: 'FRESH', unitPrice: price })],
      evidence: [{ kind: 'PHOTO', url: `https://img.example/spoiled-${n}.jpg` }],
    }),
    policy: policyWith(),
    steps: [],
    expected: { status: 'COMPLETED', refund: price },
  };
}

/** A self-ship return never shipped: closed when the ship-by clock expires, nothing paid. */
function notShipped(n: number): CasePlan {
  return {
    kind: 'not-shipped',
    request: freshRequest({
      returnMethod: 'SELF_SHIP',
      pickupAddress: undefined,
      items: [makeCaseItem({ unitPrice: priceOf(n) })],
    }),
    policy: policyWith({ customerShip: SHORT }),
    steps: [],
    expected: { status: 'CLOSED', closedReason: 'RETURN_NOT_SHIPPED', refund: null },
  };
}

/** The customer cancels an approved pickup return before the parcel is collected: nothing paid. */
function cancelledBeforePickup(n: number): CasePlan {
  return {
    kind: 'cancelled',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: priceOf(n) })] }),
    policy: policyWith(),
    steps: [
      {
        name: 'cancel',
        ready: (view) => view.status === 'AWAITING_RETURN',
        done: (view) => view.status === 'CANCELLED',
        act: (handle, caseId) =>
          handle.executeUpdate(cancelCaseUpdate, {
            updateId: `${caseId}:cancel`,
            args: [{ actor: actors.customer, note: 'changed my mind' }],
          }),
      },
    ],
    expected: { status: 'CANCELLED', refund: null },
  };
}

/** A quality return over the auto-approval limit: the merchant never answers, the clock approves it. */
function merchantTimeout(n: number): CasePlan {
  const price = cny(30_000 + n * 137);
  return {
    kind: 'merchant-timeout',
    request: freshRequest({ reason: 'QUALITY_ISSUE', items: [makeCaseItem({ unitPrice: price })] }),
    policy: policyWith({ merchantResponse: SHORT }),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED'), inspectStep('A_RESELLABLE')],
    expected: { status: 'COMPLETED', refund: price },
  };
}

/** The merchant rejects a quality return and the customer does not escalate: closed, nothing paid. */
function rejectedNotEscalated(n: number): CasePlan {
  return {
    kind: 'rejected',
    request: freshRequest({
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ unitPrice: cny(30_000 + n * 137) })],
    }),
    policy: policyWith({ escalationWindow: SHORT }),
    steps: [
      {
        name: 'merchant rejects',
        ready: (view) => view.status === 'PENDING_MERCHANT_REVIEW',
        done: (view) => view.status !== 'PENDING_MERCHANT_REVIEW',
        act: (handle, caseId) =>
          handle.executeUpdate(merchantDecisionUpdate, {
            updateId: `${caseId}:decision`,
            args: [
              {
                actor: actors.merchant,
                decisionId: `${caseId}:reject`,
                decision: 'REJECT',
                note: 'looks used',
              },
            ],
          }),
      },
    ],
    expected: { status: 'CLOSED', closedReason: 'ESCALATION_WINDOW_EXPIRED', refund: null },
  };
}

/** A self-shipped no-reason return: tracking number registered, delivered, graded A, one refund. */
function selfShipped(n: number): CasePlan {
  const price = priceOf(n);
  return {
    kind: 'self-shipped',
    request: freshRequest({
      returnMethod: 'SELF_SHIP',
      pickupAddress: undefined,
      items: [makeCaseItem({ unitPrice: price })],
    }),
    policy: policyWith(),
    steps: [
      {
        name: 'register shipment',
        ready: (view) => view.status === 'AWAITING_RETURN',
        done: (view) => !!view.returnShipment?.trackingNumber || isAfterReturn(view),
        act: (handle, caseId) =>
          handle.executeUpdate(returnShipmentUpdate, {
            updateId: `${caseId}:shipment`,
            args: [{ actor: actors.customer, carrier: 'SF', trackingNumber: `SF-${caseId.slice(2, 14)}` }],
          }),
      },
      scanStep('DELIVERED'),
      inspectStep('A_RESELLABLE'),
    ],
    expected: { status: 'COMPLETED', refund: price },
  };
}

const PLAN_KINDS = {
  pickupGradedA,
  inspectTimeout,
  freshClaim,
  notShipped,
  cancelledBeforePickup,
  merchantTimeout,
  rejectedNotEscalated,
  selfShipped,
};

/** The name of a kind of plan. */
export type PlanKind = keyof typeof PLAN_KINDS;

/** Ten cases that are at every stage at once: waiting for the merchant, a clock, the carrier, a refund. */
export const MIXED_CASES: PlanKind[] = [
  'pickupGradedA',
  'freshClaim',
  'inspectTimeout',
  'notShipped',
  'cancelledBeforePickup',
  'merchantTimeout',
  'rejectedNotEscalated',
  'selfShipped',
  'pickupGradedA',
  'freshClaim',
];

/** Ten cases that all end in a refund. */
export const REFUND_CASES: PlanKind[] = [
  'freshClaim',
  'pickupGradedA',
  'inspectTimeout',
  'selfShipped',
  'merchantTimeout',
  'freshClaim',
  'pickupGradedA',
  'inspectTimeout',
  'freshClaim',
  'pickupGradedA',
];

/** A plan on an order (contract v1.1): each item on its own line, the order's lines exactly the items. */
export function onOrder(plan: CasePlan): CasePlan {
  const items = plan.request.items.map((item, index) => ({
    ...item,
    lineId: `${plan.request.orderId}-${index + 1}`,
  }));
  return {
    ...plan,
    request: { ...plan.request, items },
    orderLines: items.map(({ lineId, sku, quantity, unitPrice }) => ({
      lineId,
      sku,
      quantity,
      unitPaid: unitPrice,
    })),
  };
}

/** The plans of `kinds`, numbered so each case has its own price, each on an order of its own. */
export function makePlans(kinds: PlanKind[]): CasePlan[] {
  return kinds.map((kind, n) => onOrder(PLAN_KINDS[kind](n + 1)));
}
