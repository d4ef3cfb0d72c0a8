import { StepHandler } from './step-handler';

/** The insurer's payout of a filed claim: the outside world completes it, so the workflow only waits. */
export const awaitInsurancePayoutStep: StepHandler<'AWAIT_INSURANCE_PAYOUT'> = {
  id: 'AWAIT_INSURANCE_PAYOUT',
  kind: 'OUTSIDE',
};
