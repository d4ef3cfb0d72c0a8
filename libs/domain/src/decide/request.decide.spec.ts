import { CaseScenario, TEST_ACTORS as A } from '../case.scenario.testing';
import { initialCaseState } from '../case.state';
import { makeCaseItem, makeCaseRequest } from '../case.testing';
import { DEFAULT_POLICY } from '../policy.default';
import { T0, expectError, expectOk, payAllRefunds } from './decide-scenario.testing';
import { decideRequestCase } from './request.decide';

describe('opening a case', () => {
  it('refunds a fresh-food claim at once without return', () => {
    const s = new CaseScenario(new Date('2026-11-03T12:00:00Z'));
    expectOk(
      s.open({
        type: 'REFUND_ONLY',
        reason: 'SPOILED',
        returnMethod: 'NONE',
        pickupAddress: undefined,
        items: [makeCaseItem({ category: 'FRESH', unitPrice: { amount: 8800, currency: 'CNY' } })],
        evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
      }),
    );
    expect(s.state).toMatchObject({ status: 'REFUNDING', settlement: { basis: 'FRESH_CLAIM' } });
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });

  it('refuses ineligible requests with OUT_OF_WINDOW or NOT_ELIGIBLE naming the rule, and stores nothing', () => {
    const late = decideRequestCase(
      initialCaseState,
      { caseId: 'c', request: makeCaseRequest(), policy: DEFAULT_POLICY },
      { now: new Date('2026-12-01T00:00:00Z'), actor: A.customer },
    );
    expect(expectError(late, 'OUT_OF_WINDOW').details?.[0].code).toBe('OUT_OF_WINDOW');
    const excluded = decideRequestCase(
      initialCaseState,
      {
        caseId: 'c',
        request: makeCaseRequest({ items: [makeCaseItem({ category: 'CUSTOM' })] }),
        policy: DEFAULT_POLICY,
      },
      { now: T0, actor: A.customer },
    );
    expect(expectError(excluded, 'NOT_ELIGIBLE').details?.[0].code).toBe('EXCLUDED_CATEGORY');
  });

  it('names the failing fields of a malformed or inconsistent request', () => {
    const bad = decideRequestCase(
      initialCaseState,
      {
        caseId: 'c',
        request: {
          ...makeCaseRequest(),
          items: [{ ...makeCaseItem(), quantity: 0.5 }],
          returnMethod: 'NONE',
        },
        policy: DEFAULT_POLICY,
      },
      { now: T0, actor: A.customer },
    );
    expect(expectError(bad, 'VALIDATION_FAILED').details?.map((d) => d.path)).toContain('items.0.quantity');
    const inconsistent = decideRequestCase(
      initialCaseState,
      { caseId: 'c', request: makeCaseRequest({ returnMethod: 'NONE' }), policy: DEFAULT_POLICY },
      { now: T0, actor: A.customer },
    );
    expect(expectError(inconsistent, 'VALIDATION_FAILED').details).toContainEqual(
      expect.objectContaining({ path: 'returnMethod', code: 'RETURN_METHOD_MISMATCH' }),
    );
  });
});
