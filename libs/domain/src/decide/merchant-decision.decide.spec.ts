import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import {
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inspect,
  reviewed,
} from './decide-scenario.testing';
import { decideEscalate } from './escalation.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decideRegisterReturnShipment } from './return-shipment.decide';

describe('the merchant decision', () => {
  it('lets the merchant settle an escalation by approving it', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state).toMatchObject({ status: 'AWAITING_RETURN', approval: { by: 'MERCHANT' } });
  });

  it('caps the refund at the partial amount the merchant approved', () => {
    const s = reviewed();
    expectOk(
      s.run(
        (st, c) =>
          decideMerchantDecision(
            st,
            { decisionId: 'd-1', decision: 'APPROVE', refundAmount: { amount: 5000, currency: 'CNY' } },
            c,
          ),
        A.merchant,
      ),
    );
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([5000]);
  });

  it('refuses a partial refund above what was paid', () => {
    const s = reviewed();
    const error = expectError(
      s.run(
        (st, c) =>
          decideMerchantDecision(
            st,
            { decisionId: 'd-1', decision: 'APPROVE', refundAmount: { amount: 30001, currency: 'CNY' } },
            c,
          ),
        A.merchant,
      ),
      'AMOUNT_EXCEEDS_PAID',
    );
    expect(error.currentStatus).toBe('PENDING_MERCHANT_REVIEW');
  });

  it('refunds the price difference of a price-protection claim once approved', () => {
    const s = new CaseScenario(T0);
    expectOk(
      s.open({
        merchantId: 'm-jd-style',
        type: 'PRICE_PROTECTION',
        reason: 'PRICE_DROP',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ quantity: 2 })],
        currentUnitPrice: { amount: 11999, currency: 'CNY' },
      }),
    );
    expect(s.state.status).toBe('PENDING_MERCHANT_REVIEW');
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state.refunds.map((r) => r.amount)).toEqual([{ amount: 2000, currency: 'CNY' }]);
  });

  it('answers NOT_ALLOWED_IN_STATE with the current status', () => {
    const s = approvedPickup();
    const error = expectError(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
      'NOT_ALLOWED_IN_STATE',
    );
    expect(error.currentStatus).toBe('AWAITING_RETURN');
    expectError(
      s.run(
        (st, c) => decideRegisterReturnShipment(st, { carrier: 'SF', trackingNumber: 'X' }, c),
        A.customer,
      ),
      'NOT_ALLOWED_IN_STATE',
    );
  });
});
