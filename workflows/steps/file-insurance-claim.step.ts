import { SYSTEM_ACTOR } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Files the shipping-insurance claim for a return lost in transit; the insurer pays as it accepts it. */
export const fileInsuranceClaimStep: StepHandler<'FILE_INSURANCE_CLAIM'> = {
  id: 'FILE_INSURANCE_CLAIM',
  kind: 'WORK',
  perform: fileInsuranceClaim,
};

async function fileInsuranceClaim({ caseId, run }: StepContext): Promise<StepEnd> {
  const claim = await outside.fileShippingInsuranceClaim({
    caseId,
    idempotencyKey: `${caseId}:insurance`,
    trackingNumber: run.state.returnShipment?.trackingNumber ?? undefined,
  });
  // The insurer pays as it accepts the claim: both facts go into the log together.
  await run.record(
    [
      { type: 'INSURANCE_CLAIM_FILED', data: { claimId: claim.claimId } },
      { type: 'INSURANCE_CLAIM_PAID', data: { claimId: claim.claimId, amount: claim.paidAmount } },
    ],
    SYSTEM_ACTOR,
  );
  return 'STATE_DECIDES';
}
