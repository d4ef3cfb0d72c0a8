import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem, makeCaseRequest } from '../case.testing';
import { Grade } from '../case.types';
import { decideCarrierScan } from './carrier-scan.decide';
import { Decision } from './decision';
import { decideEscalate } from './escalation.decide';
import { decideInspection } from './inspection.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decidePickupBooked } from './pickup.decide';
import { decideRefundSucceeded } from './refund.decide';
import { decideRegisterReturnShipment } from './return-shipment.decide';

/** An hour in milliseconds. */
export const HOUR = 3_600_000;
/** A day in milliseconds. */
export const DAY = 24 * HOUR;
/** When the scenarios of the decide specs start. */
export const T0 = new Date('2026-11-05T02:00:00.000Z');

/** The decision when it succeeded; throws with the error's code otherwise. */
export const expectOk = (decision: Decision) => {
  if (!decision.ok)
    throw new Error(`expected success, got ${decision.error.code}: ${decision.error.message}`);
  return decision;
};

/** The error of a refused decision; throws unless it was refused with `code`. */
export const expectError = (decision: Decision, code: string) => {
  if (decision.ok) throw new Error(`expected ${code}, got success`);
  if (decision.error.code !== code) throw new Error(`expected ${code}, got ${decision.error.code}`);
  return decision.error;
};

/** The event types a decision appends (none for an error). */
export const typesOf = (decision: Decision) =>
  decision.ok ? decision.events.map((event) => event.type) : [];

/** A case approved and awaiting its return (auto-approved no-reason return of 129.99). */
export function approvedPickup(overrides: Parameters<typeof makeCaseRequest>[0] = {}) {
  const s = new CaseScenario(T0);
  expectOk(s.open(overrides));
  return s;
}

/** A case of 300.00 waiting for the merchant's review. */
export function reviewed() {
  const s = new CaseScenario(T0);
  expectOk(s.open({ items: [makeCaseItem({ unitPrice: { amount: 30000, currency: 'CNY' } })] }));
  return s;
}

/** A case of 300.00 in arbitration: the merchant rejected it, the customer escalated, the merchant rejected again. */
export function inArbitration() {
  const s = reviewed();
  expectOk(
    s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
  );
  expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'new' }, c), A.customer));
  expectOk(
    s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'REJECT' }, c), A.merchant),
  );
  return s;
}

/** Ships the return (a booked pickup or a self-shipped parcel) and has the carrier deliver it to the warehouse. */
export function deliverToWarehouse(s: CaseScenario) {
  if (s.state.request?.returnMethod === 'PICKUP') {
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
  } else {
    expectOk(
      s.run(
        (st, c) => decideRegisterReturnShipment(st, { carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.customer,
      ),
    );
  }
  s.after(HOUR);
  expectOk(
    s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          { eventId: 'ev-1', trackingNumber: 'SF100', event: 'PICKED_UP', occurredAt: s.now.toISOString() },
          c,
        ),
      A.carrier,
    ),
  );
  s.after(DAY);
  expectOk(
    s.run(
      (st, c) =>
        decideCarrierScan(
          st,
          { eventId: 'ev-2', trackingNumber: 'SF100', event: 'DELIVERED', occurredAt: s.now.toISOString() },
          c,
        ),
      A.carrier,
    ),
  );
}

/** The warehouse grades the case's units. */
export const inspect = (
  s: CaseScenario,
  items: Array<{ sku: string; quantity: number; grade: Grade }>,
  inspectionId = 'insp-1',
) =>
  s.run(
    (st, c) => decideInspection(st, { inspectionId, warehouseId: 'wh-1', inspector: 'Wang', items }, c),
    A.warehouse,
  );

/** The refund system pays every pending refund. */
export const payAllRefunds = (s: CaseScenario) => {
  for (const refund of s.state.refunds.filter((r) => r.status === 'PENDING')) {
    expectOk(s.run((st, c) => decideRefundSucceeded(st, { refundId: refund.refundId }, c), A.system));
  }
};
