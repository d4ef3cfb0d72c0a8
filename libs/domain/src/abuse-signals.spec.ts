import { abuseThresholdsExceeded } from './abuse-signals';
import { decideRequestCase } from './decide/request.decide';
import { initialCaseState } from './case.state';
import { makeCaseRequest } from './case.testing';
import { makeTestPolicy } from './policy.testing';

const signals = { cases: 3, refundOnly: 1, badGrades: 0, rulingsAgainst: 2 };

describe('abuse signals', () => {
  it('names the signals above a threshold of the policy, none without a policy', () => {
    expect(abuseThresholdsExceeded(undefined, signals)).toEqual([]);
    expect(abuseThresholdsExceeded({ window: 'P90D', maxCases: 3, maxRulingsAgainst: 1 }, signals)).toEqual([
      'rulingsAgainst',
    ]);
    expect(abuseThresholdsExceeded({ window: 'P90D', maxCases: 2, maxBadGrades: 0 }, signals)).toEqual([
      'cases',
    ]);
  });

  it('switches auto-approval and fast refund off above a threshold, and flags the case', () => {
    const policy = makeTestPolicy({ allProfiles: { abuse: { window: 'P90D', maxCases: 2 } } });
    const request = makeCaseRequest({
      customerTier: 'TRUSTED',
      deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
      paidAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
    const ctx = { now: new Date(), actor: { role: 'customer' as const, id: 'c-1' } };
    const calm = decideRequestCase(
      initialCaseState,
      { caseId: 'k-1', request, policy, abuseSignals: { ...signals, cases: 2 } },
      ctx,
    );
    const flagged = decideRequestCase(
      initialCaseState,
      { caseId: 'k-1', request, policy, abuseSignals: signals },
      ctx,
    );
    if (!calm.ok || !flagged.ok) throw new Error('expected both requests to be recorded');
    expect(calm.events[0]).toMatchObject({
      type: 'CASE_REQUESTED',
      data: { eligibility: { autoApprove: true } },
    });
    expect(calm.events[0]!.data).not.toHaveProperty('riskFlags');
    expect(flagged.events).toHaveLength(1);
    expect(flagged.events[0]).toMatchObject({
      type: 'CASE_REQUESTED',
      data: {
        eligibility: { autoApprove: false, fastRefundEligible: false },
        riskFlags: ['ABUSE_SIGNALS'],
        abuseSignals: { ...signals, exceeded: ['cases'] },
        merchantRespondBy: expect.any(String),
      },
    });
  });
});
