import { TEST_ACTORS as A } from '../case.scenario.testing';
import { decideArbitrationRuling } from './arbitration.decide';
import { expectOk, reviewed } from './decide-scenario.testing';
import { decideEscalate } from './escalation.decide';
import { decideMerchantDecision } from './merchant-decision.decide';

describe('arbitration', () => {
  it('opens arbitration at once when the merchant maintains the rejection, and closes on a ruling for the merchant', () => {
    const s = reviewed();
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision: 'REJECT' }, c), A.merchant),
    );
    expectOk(s.run((st, c) => decideEscalate(st, { escalationId: 'e-1', note: 'please' }, c), A.customer));
    expectOk(
      s.run((st, c) => decideMerchantDecision(st, { decisionId: 'd-2', decision: 'REJECT' }, c), A.merchant),
    );
    expect(s.state.arbitration?.cause).toBe('MERCHANT_MAINTAINED_REJECTION');
    expectOk(
      s.run(
        (st, c) =>
          decideArbitrationRuling(st, { rulingId: 'r-1', ruling: 'MERCHANT_FAVOR', note: 'worn' }, c),
        A.ops,
      ),
    );
    expect(s.state).toMatchObject({ status: 'CLOSED', closedReason: 'ARBITRATION_MERCHANT_FAVOR' });
  });
});
