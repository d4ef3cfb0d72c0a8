import { CaseEvent } from '../case.events';
import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { decideArbitrationRuling } from './arbitration.decide';
import { decideCancel } from './cancel.decide';
import { decideCarrierScan } from './carrier-scan.decide';
import {
  T0,
  approvedPickup,
  expectError,
  expectOk,
  inArbitration,
  inspect,
  reviewed,
} from './decide-scenario.testing';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';

// Refusals and recorded notes of the cancel, inspection, arbitration and merchant-decision rules that
// the mutation run found unpinned (README "Mutation testing").

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const events = (s: CaseScenario, type: CaseEvent['type']) => s.events.filter((event) => event.type === type);
const bookPickup = (s: CaseScenario) =>
  expectOk(
    s.run(
      (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
      A.system,
    ),
  );

describe('cancellation', () => {
  it("records the customer's note", () => {
    const s = approvedPickup();
    expectOk(s.run((st, c) => decideCancel(st, { note: 'bought elsewhere' }, c), A.customer));
    expect(events(s, 'CASE_CANCELLED').map((event) => event.data)).toEqual([{ note: 'bought elsewhere' }]);
  });

  it('is allowed once a booked pickup was cancelled', () => {
    const s = approvedPickup();
    bookPickup(s);
    expectOk(
      s.run((st, c) => decidePickupCancelled(st, { bookingId: 'b-1', reason: 'closed' }, c), A.system),
    );
    expectOk(s.run((st, c) => decideCancel(st, {}, c), A.customer));
    expect(s.state.status).toBe('CANCELLED');
  });

  it('is refused once the carrier holds the parcel, even when the case still awaits the return', () => {
    const s = approvedPickup();
    bookPickup(s);
    expectOk(
      s.run(
        (st, c) =>
          decideCarrierScan(
            st,
            { eventId: 'ev-1', trackingNumber: 'SF100', event: 'EXCEPTION', occurredAt: s.now.toISOString() },
            c,
          ),
        A.carrier,
      ),
    );
    expect(s.state.status).toBe('AWAITING_RETURN');
    expectError(
      s.run((st, c) => decideCancel(st, {}, c), A.customer),
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('is refused on a case that ships nothing back once it is being refunded', () => {
    const s = new CaseScenario(T0);
    expectOk(
      s.open({
        type: 'REFUND_ONLY',
        reason: 'SPOILED',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ category: 'FRESH', unitPrice: cny(100) })],
        evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
      }),
    );
    expect(s.state.returnShipment).toBeNull();
    const error = expectError(
      s.run((st, c) => decideCancel(st, {}, c), A.customer),
      'NOT_ALLOWED_IN_STATE',
    );
    expect(error.currentStatus).toBe('REFUNDING');
  });
});

describe('an inspection before the goods are back', () => {
  it('is refused while the case awaits the return, and records nothing', () => {
    const s = approvedPickup();
    const before = s.state;
    expectError(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]), 'NOT_ALLOWED_IN_STATE');
    expect(s.state).toBe(before);
  });
});

describe('an arbitration ruling for the merchant', () => {
  it('is refused with a refund amount, naming the field, and changes nothing', () => {
    const s = inArbitration();
    const before = s.state;
    const error = expectError(
      s.run(
        (st, c) =>
          decideArbitrationRuling(
            st,
            { rulingId: 'r-1', ruling: 'MERCHANT_FAVOR', refundAmount: cny(100), note: 'worn' },
            c,
          ),
        A.ops,
      ),
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'refundAmount' })]);
    expect(s.state).toBe(before);
  });
});

describe("the merchant's note", () => {
  it('goes with a rejection and with an approval', () => {
    const rejected = reviewed();
    expectOk(
      rejected.run(
        (st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT', note: 'used' }, c),
        A.merchant,
      ),
    );
    expect(events(rejected, 'CASE_REJECTED')[0].data).toMatchObject({ note: 'used' });
    const approved = reviewed();
    expectOk(
      approved.run(
        (st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE', note: 'fine' }, c),
        A.merchant,
      ),
    );
    expect(events(approved, 'CASE_APPROVED')[0].data).toMatchObject({ by: 'MERCHANT', note: 'fine' });
  });
});

describe('repeats and rulings out of place', () => {
  const ruleForMerchant = (s: CaseScenario) =>
    s.run(
      (st, c) => decideArbitrationRuling(st, { rulingId: 'r-1', ruling: 'MERCHANT_FAVOR', note: 'worn' }, c),
      A.ops,
    );

  it('refuses a ruling on a case that is not in arbitration', () => {
    expectError(ruleForMerchant(reviewed()), 'NOT_ALLOWED_IN_STATE');
  });

  it('answers a repeated ruling as a duplicate', () => {
    const s = inArbitration();
    expectOk(ruleForMerchant(s));
    expect(ruleForMerchant(s)).toEqual({ ok: true, events: [], duplicate: true });
  });

  it('refuses a partial refund amount on a repair, which refunds no money', () => {
    const s = new CaseScenario(T0);
    expectOk(
      s.open({ type: 'REPAIR', reason: 'QUALITY_ISSUE', items: [makeCaseItem({ unitPrice: cny(30000) })] }),
    );
    const error = expectError(
      s.run(
        (st, c) =>
          decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE', refundAmount: cny(100) }, c),
        A.merchant,
      ),
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'refundAmount' })]);
  });
});
