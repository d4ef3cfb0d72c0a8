import { TEST_ACTORS as A, CaseScenario } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { lineAmountIssues } from '../allowances/line-allowance';
import { MAX_MONEY_AMOUNT } from '../money';
import { AMOUNT_TOO_LARGE, amountLimitIssues } from './amount-limits';
import { decideArbitrationRuling } from './arbitration.decide';
import { T0, deliverToWarehouse, expectError, expectOk, inspect } from './decide-scenario.testing';
import { decideEscalate } from './escalation.decide';
import { decideMerchantDecision } from './merchant-decision.decide';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A unit price valid on its own that, times the largest quantity a request allows, passes the largest amount. */
const HUGE_PRICE = cny(10 ** 12);

describe('amounts beyond what money arithmetic holds', () => {
  it('names the field whose price × quantity is too large, and the total when only the sum is', () => {
    expect(
      amountLimitIssues([{ path: 'items.0.unitPrice', unit: HUGE_PRICE, quantity: 10_000 }], 'items'),
    ).toEqual([
      {
        path: 'items.0.unitPrice',
        message: expect.stringMatching(/passes the largest amount/),
        code: AMOUNT_TOO_LARGE,
      },
    ]);
    const half = cny(Math.ceil(MAX_MONEY_AMOUNT / 2) + 1);
    expect(
      amountLimitIssues(
        [
          { path: 'items.0.unitPrice', unit: half, quantity: 1 },
          { path: 'items.1.unitPrice', unit: half, quantity: 1 },
        ],
        'items',
      ).map((issue) => issue.path),
    ).toEqual(['items']);
    expect(amountLimitIssues([{ path: 'x', unit: cny(MAX_MONEY_AMOUNT), quantity: 1 }], 'total')).toEqual([]);
  });

  it('names only the fields that overflow, not the total of the others that also would', () => {
    expect(
      amountLimitIssues(
        [
          { path: 'items.0.unitPrice', unit: cny(MAX_MONEY_AMOUNT), quantity: 2 },
          { path: 'items.1.unitPrice', unit: cny(MAX_MONEY_AMOUNT), quantity: 1 },
          { path: 'items.2.unitPrice', unit: cny(1), quantity: 1 },
        ],
        'items',
      ).map((issue) => issue.path),
    ).toEqual(['items.0.unitPrice']);
  });

  it('finds nothing wrong with no amounts at all', () => {
    expect(amountLimitIssues([], 'items')).toEqual([]);
  });

  it('refuses a request whose unitPrice × quantity overflows with VALIDATION_FAILED naming it, instead of throwing', () => {
    const s = new CaseScenario(T0);
    const error = expectError(
      s.open({ items: [makeCaseItem({ unitPrice: HUGE_PRICE, quantity: 10_000 })] }),
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'items.0.unitPrice', code: AMOUNT_TOO_LARGE }),
    ]);
    expect(s.state.request).toBeNull();
  });

  it('refuses a request whose items each fit but whose total does not, naming items', () => {
    const half = cny(Math.ceil(MAX_MONEY_AMOUNT / 2) + 1);
    const error = expectError(
      new CaseScenario(T0).open({
        items: [
          makeCaseItem({ sku: 'sku-1', unitPrice: half }),
          makeCaseItem({ sku: 'sku-2', unitPrice: half }),
        ],
      }),
      'VALIDATION_FAILED',
    );
    expect(error.details?.map((detail) => detail.path)).toEqual(['items']);
  });

  it("answers a merchant's or a ruling's refundAmount beyond what was paid with an error naming it, on the largest case", () => {
    const paid = cny(Math.floor(MAX_MONEY_AMOUNT / 2));
    const s = new CaseScenario(T0);
    expectOk(s.open({ reason: 'QUALITY_ISSUE', items: [makeCaseItem({ unitPrice: paid, quantity: 2 })] }));
    const tooMuch = { decisionId: 'd-1', decision: 'APPROVE' as const, refundAmount: cny(MAX_MONEY_AMOUNT) };
    const refused = expectError(
      s.run((st, c) => decideMerchantDecision(st, tooMuch, c), A.merchant),
      'AMOUNT_EXCEEDS_PAID',
    );
    expect(refused.details?.map((detail) => detail.path)).toEqual(['refundAmount.amount']);

    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'REJECT' }, c), A.merchant),
    );
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-3', decision: 'REJECT' }, c), A.merchant),
    );
    const ruling = {
      rulingId: 'r-1',
      ruling: 'CUSTOMER_FAVOR' as const,
      note: 'defective',
      refundAmount: cny(MAX_MONEY_AMOUNT),
    };
    expectError(
      s.run((st, c) => decideArbitrationRuling(st, ruling, c), A.ops),
      'AMOUNT_EXCEEDS_PAID',
    );
  });

  it('refunds the whole of the largest case that fits, in exact minor units', () => {
    const paid = cny(Math.floor(MAX_MONEY_AMOUNT / 2));
    const s = new CaseScenario(T0);
    expectOk(s.open({ items: [makeCaseItem({ unitPrice: paid, quantity: 2 })] }));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'APPROVE' }, c), A.merchant),
    );
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'A_RESELLABLE' }]));
    expect(s.state.refunds.map((refund) => refund.amount.amount)).toEqual([2 * paid.amount]);
  });

  it("names an order line whose paid total is too large, so the order's amounts never reach the allowance maths", () => {
    const lines = [
      { lineId: 'o-1-1', quantity: 1, unitPaid: cny(100) },
      { lineId: 'o-1-2', quantity: 10_000, unitPaid: HUGE_PRICE },
    ];
    expect(lineAmountIssues(lines, (index) => `lines.${index}`)).toEqual([
      expect.objectContaining({ path: 'lines.1', code: AMOUNT_TOO_LARGE }),
    ]);
    expect(lineAmountIssues(lines.slice(0, 1), (index) => `lines.${index}`)).toEqual([]);
  });
});
