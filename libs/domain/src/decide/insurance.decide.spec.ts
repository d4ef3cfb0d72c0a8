import { nextSteps } from '../case.next-steps';
import { TEST_ACTORS as A } from '../case.scenario.testing';
import { approvedPickup, deliverToWarehouse, expectOk } from './decide-scenario.testing';
import { decideInsuranceClaimFiled } from './insurance.decide';

describe('return-shipping insurance', () => {
  it('claims the return-shipping insurance once the carrier picks up', () => {
    const s = approvedPickup({ shippingInsurance: true });
    deliverToWarehouse(s);
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'FILE_INSURANCE_CLAIM', ref: null });
    expectOk(s.run((st, c) => decideInsuranceClaimFiled(st, { claimId: 'ins-1' }, c), A.system));
    expect(nextSteps(s.state)).not.toContainEqual({
      kind: 'SYSTEM',
      step: 'FILE_INSURANCE_CLAIM',
      ref: null,
    });
  });
});
