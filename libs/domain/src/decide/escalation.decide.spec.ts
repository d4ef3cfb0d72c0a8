import { TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { decideArbitrationRuling } from './arbitration.decide';
import { decideClockExpired } from './clock-expired.decide';
import {
  DAY,
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  inspect,
  payAllRefunds,
  reviewed,
  typesOf,
} from './decide-scenario.testing';
import { decideEscalate } from './escalation.decide';
import { decideMerchantDecision } from './merchant-decision.decide';

describe('escalations', () => {
  it('rejects, escalates, opens arbitration when the merchant does not answer in 24 h, and rules for the customer without return', () => {
    const s = reviewed();
    expectOk(
      s.run(
        (st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT', note: 'used' }, c),
        A.merchant,
      ),
    );
    expect(s.state.deadlines.escalateBy).toBe(new Date(T0.getTime() + 15 * DAY).toISOString());
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'it is new' }, c), A.customer));
    expect(s.state.deadlines.merchantAnswerBy).toBe(new Date(T0.getTime() + DAY).toISOString());
    s.after(DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'MERCHANT_ESCALATION_ANSWER' }, c), A.system));
    expect(s.state).toMatchObject({
      status: 'IN_ARBITRATION',
      arbitration: { cause: 'MERCHANT_DID_NOT_ANSWER' },
    });
    const ruling = expectOk(
      s.run(
        (st, c) =>
          decideArbitrationRuling(
            st,
            {
              rulingId: 'r-1',
              ruling: 'CUSTOMER_FAVOR',
              refundAmount: { amount: 10000, currency: 'CNY' },
              note: 'ok',
            },
            c,
          ),
        A.ops,
      ),
    );
    expect(typesOf(ruling)).toEqual([
      'ARBITRATION_RULED',
      'CASE_APPROVED',
      'SETTLEMENT_DECIDED',
      'REFUND_REQUESTED',
    ]);
    expect(s.state.refunds[0].amount.amount).toBe(10000);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });

  it('refuses a customer-damaged unit, lets the customer escalate, and refunds it when the merchant settles', () => {
    const s = approvedPickup({
      items: [makeCaseItem({ quantity: 2, unitPrice: { amount: 9000, currency: 'CNY' } })],
    });
    deliverToWarehouse(s);
    expectOk(
      inspect(s, [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' },
        { sku: 'sku-1', quantity: 1, grade: 'D_CUSTOMER_DAMAGED' },
      ]),
    );
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([9000]);
    payAllRefunds(s);
    expect(s.state).toMatchObject({ status: 'REJECTED', rejection: { by: 'INSPECTION' } });
    expectOk(
      s.run(
        (st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'it was broken on arrival' }, c),
        A.customer,
      ),
    );
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-9', decision: 'APPROVE' }, c), A.merchant),
    );
    expect(s.state.refunds.map((r) => r.amount.amount)).toEqual([9000, 9000]);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });
});
