import { CaseEventType } from '../case.events';
import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { CaseState, initialCaseState } from '../case.state';
import { makeCaseItem, makeCaseRequest } from '../case.testing';
import { Actor } from '../case.types';
import { DEFAULT_POLICY } from '../policy.default';
import { decideArbitrationRuling } from './arbitration.decide';
import { decideCancel } from './cancel.decide';
import { decideCarrierScan } from './carrier-scan.decide';
import { CaseCommandOf, CaseCommandType } from './case-command';
import { decideClockExpired } from './clock-expired.decide';
import { decide } from './decide';
import {
  HOUR,
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  inspect,
  reviewed,
  typesOf,
} from './decide-scenario.testing';
import { DecideContext, Decision } from './decision';
import { decideEscalate } from './escalation.decide';
import { decideInspection } from './inspection.decide';
import { decideInsuranceClaimFiled, decideInsuranceClaimPaid } from './insurance.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decideOpsAction } from './ops-action.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';
import { decideRefundFailed, decideRefundSucceeded } from './refund.decide';
import { decideRepairCompleted, decideRepairFailed, decideRepairStarted } from './repair.decide';
import {
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
} from './replacement.decide';
import { decideRequestCase } from './request.decide';
import { decideRegisterReturnShipment } from './return-shipment.decide';
import {
  decideListedRefundRetry,
  decideStepRefused,
  decideStepResolve,
  decideStepRetry,
} from './step-attention.decide';
import { decideSupplierReturnCredited, decideSupplierReturnShipped } from './supplier-return.decide';
import { decideWarehouseReceipt } from './warehouse-receipt.decide';

/** A command's rule, and a case in which that rule (and only it) appends `emits` first. */
interface Route<T extends CaseCommandType> {
  readonly rule: (state: CaseState, data: CaseCommandOf<T>['data'], ctx: DecideContext) => Decision;
  readonly given: () => CaseScenario;
  readonly actor: Actor;
  readonly data: (s: CaseScenario) => CaseCommandOf<T>['data'];
  readonly emits: CaseEventType;
}

const booked = () => {
  const s = approvedPickup();
  expectOk(
    s.run(
      (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
      A.system,
    ),
  );
  return s;
};
const rejected = () => {
  const s = reviewed();
  expectOk(
    s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
  );
  return s;
};
const escalated = () => {
  const s = rejected();
  expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
  return s;
};
const inArbitration = () => {
  const s = escalated();
  expectOk(
    s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'REJECT' }, c), A.merchant),
  );
  return s;
};
const delivered = (overrides: Parameters<typeof approvedPickup>[0] = {}) => {
  const s = approvedPickup(overrides);
  deliverToWarehouse(s);
  return s;
};
const refunding = () => {
  const s = delivered();
  expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
  return s;
};
const refundFailed = () => {
  const s = refunding();
  const refundId = s.state.refunds[0].refundId;
  expectOk(
    s.run(
      (st, c) => decideRefundFailed(st, { refundId, errorCode: 'ACCOUNT_CLOSED', message: 'x' }, c),
      A.system,
    ),
  );
  return s;
};
const claimFiled = () => {
  const s = delivered({ shippingInsurance: true });
  expectOk(s.run((st, c) => decideInsuranceClaimFiled(st, { claimId: 'ins-1' }, c), A.system));
  return s;
};
const resolvedAs = (type: 'EXCHANGE' | 'REPAIR') => () => {
  const s = delivered({ type, reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
  expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
  return s;
};
const inRepair = () => {
  const s = resolvedAs('REPAIR')();
  expectOk(s.run((st, c) => decideRepairStarted(st, { repairId: 'rep-1' }, c), A.system));
  return s;
};
const supplierQueued = () => {
  const s = delivered({
    reason: 'QUALITY_ISSUE',
    customerTier: 'TRUSTED',
    items: [makeCaseItem({ quantity: 2 })],
  });
  expectOk(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'C_DEFECTIVE' }]));
  return s;
};
const supplierShipped = () => {
  const s = supplierQueued();
  expectOk(s.run((st, c) => decideSupplierReturnShipped(st, { batchId: 'RTV-s-1-1' }, c), A.system));
  return s;
};
const merchantLate = () => reviewed().after(48 * HOUR);
const pickupRefusal = {
  stepKey: 'BOOK_PICKUP:',
  step: 'BOOK_PICKUP',
  error: { code: 'EXTERNAL_SYSTEM_REJECTED', message: 'unauthorised', httpStatus: 401 },
} as const;
const pickupRefused = () => {
  const s = approvedPickup();
  expectOk(s.run((st, c) => decideStepRefused(st, pickupRefusal, c), A.system));
  return s;
};

const ROUTES: { readonly [T in CaseCommandType]: Route<T> } = {
  REQUEST_CASE: {
    rule: decideRequestCase,
    given: () => new CaseScenario(T0),
    actor: A.customer,
    data: () => ({ caseId: 'case-1', request: makeCaseRequest(), policy: DEFAULT_POLICY }),
    emits: 'CASE_REQUESTED',
  },
  MERCHANT_DECISION: {
    rule: decideMerchantDecision,
    given: reviewed,
    actor: A.merchant,
    data: () => ({ decisionId: 'd-1', decision: 'APPROVE' }),
    emits: 'CASE_APPROVED',
  },
  CANCEL: {
    rule: decideCancel,
    given: reviewed,
    actor: A.customer,
    data: () => ({}),
    emits: 'CASE_CANCELLED',
  },
  REGISTER_RETURN_SHIPMENT: {
    rule: decideRegisterReturnShipment,
    given: () => approvedPickup({ returnMethod: 'SELF_SHIP' }),
    actor: A.customer,
    data: () => ({ carrier: 'SF', trackingNumber: 'SF100' }),
    emits: 'RETURN_SHIPMENT_REGISTERED',
  },
  ESCALATE: {
    rule: decideEscalate,
    given: rejected,
    actor: A.customer,
    data: () => ({ escalationId: 'e-1', note: 'please' }),
    emits: 'CASE_ESCALATED',
  },
  ARBITRATION_RULING: {
    rule: decideArbitrationRuling,
    given: inArbitration,
    actor: A.ops,
    data: () => ({ rulingId: 'r-1', ruling: 'MERCHANT_FAVOR', note: 'worn' }),
    emits: 'ARBITRATION_RULED',
  },
  CARRIER_SCAN: {
    rule: decideCarrierScan,
    given: booked,
    actor: A.carrier,
    data: (s) => ({
      eventId: 'ev-1',
      trackingNumber: 'SF100',
      event: 'PICKED_UP',
      occurredAt: s.now.toISOString(),
    }),
    emits: 'CARRIER_SCAN_RECORDED',
  },
  WAREHOUSE_RECEIPT: {
    rule: decideWarehouseReceipt,
    given: booked,
    actor: A.warehouse,
    data: (s) => ({
      receiptId: 'rcpt-1',
      warehouseId: 'wh-1',
      trackingNumber: 'SF100',
      receivedAt: s.now.toISOString(),
    }),
    emits: 'WAREHOUSE_RECEIPT_RECORDED',
  },
  INSPECTION: {
    rule: decideInspection,
    given: () => delivered(),
    actor: A.warehouse,
    data: () => ({
      inspectionId: 'insp-1',
      warehouseId: 'wh-1',
      inspector: 'Wang',
      items: [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }],
    }),
    emits: 'INSPECTION_RECORDED',
  },
  OPS_RETRY_REFUND: {
    rule: decideListedRefundRetry,
    given: refundFailed,
    actor: A.ops,
    data: (s) => ({ refundId: s.state.refunds[0].refundId, reason: 'account fixed' }),
    emits: 'OPS_ACTION_RECORDED',
  },
  OPS_ACTION: {
    rule: decideOpsAction,
    given: reviewed,
    actor: A.ops,
    data: () => ({ action: 'NOTE', reason: 'looked' }),
    emits: 'OPS_ACTION_RECORDED',
  },
  OPS_RETRY_STEP: {
    rule: decideStepRetry,
    given: pickupRefused,
    actor: A.ops,
    data: () => ({ stepKey: pickupRefusal.stepKey, reason: 'credentials rotated' }),
    emits: 'STEP_RETRIED',
  },
  OPS_RESOLVE_STEP: {
    rule: decideStepResolve,
    given: pickupRefused,
    actor: A.ops,
    data: () => ({ stepKey: pickupRefusal.stepKey, outcome: 'SKIPPED', note: 'customer brings it in' }),
    emits: 'STEP_RESOLVED',
  },
  STEP_REFUSED: {
    rule: decideStepRefused,
    given: () => approvedPickup(),
    actor: A.system,
    data: () => pickupRefusal,
    emits: 'STEP_REFUSED',
  },
  CLOCK_EXPIRED: {
    rule: decideClockExpired,
    given: merchantLate,
    actor: A.system,
    data: () => ({ clock: 'MERCHANT_RESPONSE' }),
    emits: 'CASE_APPROVED',
  },
  PICKUP_BOOKED: {
    rule: decidePickupBooked,
    given: () => approvedPickup(),
    actor: A.system,
    data: () => ({ bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }),
    emits: 'PICKUP_BOOKED',
  },
  PICKUP_CANCELLED: {
    rule: decidePickupCancelled,
    given: booked,
    actor: A.system,
    data: () => ({ bookingId: 'b-1', reason: 'cancelled' }),
    emits: 'PICKUP_CANCELLED',
  },
  INSURANCE_CLAIM_FILED: {
    rule: decideInsuranceClaimFiled,
    given: () => delivered({ shippingInsurance: true }),
    actor: A.system,
    data: () => ({ claimId: 'ins-1' }),
    emits: 'INSURANCE_CLAIM_FILED',
  },
  INSURANCE_CLAIM_PAID: {
    rule: decideInsuranceClaimPaid,
    given: claimFiled,
    actor: A.system,
    data: () => ({ claimId: 'ins-1', amount: { amount: 1200, currency: 'CNY' } }),
    emits: 'INSURANCE_CLAIM_PAID',
  },
  REFUND_SUCCEEDED: {
    rule: decideRefundSucceeded,
    given: refunding,
    actor: A.system,
    data: (s) => ({ refundId: s.state.refunds[0].refundId }),
    emits: 'REFUND_SUCCEEDED',
  },
  REFUND_FAILED: {
    rule: decideRefundFailed,
    given: refunding,
    actor: A.system,
    data: (s) => ({ refundId: s.state.refunds[0].refundId, errorCode: 'ACCOUNT_CLOSED', message: 'closed' }),
    emits: 'REFUND_FAILED',
  },
  REPLACEMENT_RESERVED: {
    rule: decideReplacementReserved,
    given: resolvedAs('EXCHANGE'),
    actor: A.system,
    data: () => ({ reservationIds: ['res-1'] }),
    emits: 'REPLACEMENT_RESERVED',
  },
  REPLACEMENT_SHIPPED: {
    rule: decideReplacementShipped,
    given: resolvedAs('EXCHANGE'),
    actor: A.system,
    data: () => ({ carrier: 'SF', trackingNumber: 'SF200' }),
    emits: 'REPLACEMENT_SHIPPED',
  },
  REPLACEMENT_UNAVAILABLE: {
    rule: decideReplacementUnavailable,
    given: resolvedAs('EXCHANGE'),
    actor: A.system,
    data: () => ({ reason: 'out of stock' }),
    emits: 'REPLACEMENT_UNAVAILABLE',
  },
  REPAIR_STARTED: {
    rule: decideRepairStarted,
    given: resolvedAs('REPAIR'),
    actor: A.system,
    data: () => ({ repairId: 'rep-1' }),
    emits: 'REPAIR_STARTED',
  },
  REPAIR_FAILED: {
    rule: decideRepairFailed,
    given: inRepair,
    actor: A.system,
    data: () => ({ repairId: 'rep-1', reason: 'no fix' }),
    emits: 'REPAIR_FAILED',
  },
  REPAIR_COMPLETED: {
    rule: decideRepairCompleted,
    given: inRepair,
    actor: A.system,
    data: () => ({ repairId: 'rep-1' }),
    emits: 'REPAIR_COMPLETED',
  },
  SUPPLIER_RETURN_SHIPPED: {
    rule: decideSupplierReturnShipped,
    given: supplierQueued,
    actor: A.system,
    data: () => ({ batchId: 'RTV-s-1-1' }),
    emits: 'SUPPLIER_RETURN_SHIPPED',
  },
  SUPPLIER_RETURN_CREDITED: {
    rule: decideSupplierReturnCredited,
    given: supplierShipped,
    actor: A.system,
    data: () => ({ batchId: 'RTV-s-1-1', creditNoteId: 'cn-1' }),
    emits: 'SUPPLIER_RETURN_CREDITED',
  },
};

// The table's entries with their type, as the union of commands `decide` takes.
const routes = (Object.keys(ROUTES) as CaseCommandType[]).map((type) => {
  const route = ROUTES[type] as unknown as Route<CaseCommandType>;
  return { type, route };
});

describe('decide', () => {
  it.each(routes)('routes $type to its rule', ({ type, route }) => {
    const s = route.given();
    const ctx = s.ctx(route.actor);
    const data = route.data(s);
    const decision = decide(s.state, { type, data } as CaseCommandOf<typeof type>, ctx);
    expect(typesOf(decision)[0]).toBe(route.emits);
    expect(decision).toEqual(route.rule(s.state, data, ctx));
  });

  it.each(routes)('answers exactly what the rule of $type answers, a refusal included', ({ type, route }) => {
    const ctx = { now: T0, actor: route.actor };
    const data = route.data(route.given());
    const onOpened = route.given().state;
    for (const state of [initialCaseState, onOpened]) {
      expect(decide(state, { type, data } as CaseCommandOf<typeof type>, ctx)).toEqual(
        route.rule(state, data, ctx),
      );
    }
  });
});
