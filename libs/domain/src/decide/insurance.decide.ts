import { CaseState } from '../case.state';
import { Money } from '../money';
import { DecideContext, Decision, duplicate, fail, notAllowed } from './decision';
import { Emitter } from './emitter';

/** A return-shipping insurance claim the insurer registered. */
export interface InsuranceClaimFiledCommand {
  claimId: string;
}

/** The insurer's payout of a claim. */
export interface InsuranceClaimPaidCommand {
  claimId: string;
  amount: Money;
}

/** A return-shipping insurance claim was filed (after pickup, when the assessment says one is due). Idempotent on `claimId`. */
export function decideInsuranceClaimFiled(
  state: CaseState,
  command: InsuranceClaimFiledCommand,
  ctx: DecideContext,
): Decision {
  if (state.insuranceClaim?.claimId === command.claimId) return duplicate();
  if (!state.eligibility?.insuranceClaimDue || state.insuranceClaim !== null)
    return notAllowed(state, 'an insurance claim');
  const out = new Emitter(state, ctx);
  out.emit('INSURANCE_CLAIM_FILED', { claimId: command.claimId });
  return out.done();
}

/** The insurer paid the freight claim. */
export function decideInsuranceClaimPaid(
  state: CaseState,
  command: InsuranceClaimPaidCommand,
  ctx: DecideContext,
): Decision {
  if (state.insuranceClaim?.claimId !== command.claimId)
    return fail(state, 'UNKNOWN_REFERENCE', `no claim ${command.claimId}`);
  if (state.insuranceClaim.status === 'PAID') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('INSURANCE_CLAIM_PAID', { ...command });
  return out.done();
}
