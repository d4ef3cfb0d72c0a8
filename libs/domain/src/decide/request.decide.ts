import { AbuseSignals, abuseThresholdsExceeded } from '../abuse-signals';
import { validateCaseRequest } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { assess } from '../eligibility';
import { Policy, profileFor } from '../policy.schema';
import { requestAmountIssues } from './amount-limits';
import { approve } from './approve';
import { DecideContext, Decision, duplicate, fail } from './decision';
import { due } from './due';
import { Emitter } from './emitter';

/** `POST /v1/cases`: the case id, the untrusted body and the policy the case will keep for life. */
export interface RequestCaseCommand {
  readonly caseId: string;
  readonly request: unknown;
  readonly policy: Policy;
  /** Contract v1.1: the customer's abuse signals counted at request time (absent: not counted). */
  readonly abuseSignals?: AbuseSignals;
}

/**
 * Opens a case: validates the request, assesses eligibility (refusing with OUT_OF_WINDOW or
 * NOT_ELIGIBLE, details naming the rule), records the merchant's profile for the case's life, and
 * approves at once when a rule auto-approves (a no-return case then settles and requests its refund).
 * Abuse signals above a threshold of the profile switch auto-approval and fast refund off and flag
 * the case `ABUSE_SIGNALS`. Idempotent on `requestId`.
 */
export function decideRequestCase(
  state: CaseState,
  command: RequestCaseCommand,
  ctx: DecideContext,
): Decision {
  const validated = validateCaseRequest(command.request);
  if (!validated.ok) return fail(state, 'VALIDATION_FAILED', 'invalid case request', validated.details);
  const request = validated.request;
  const tooLarge = requestAmountIssues(request);
  if (tooLarge.length > 0) return fail(state, 'VALIDATION_FAILED', 'an amount is too large', tooLarge);
  if (state.request !== null) {
    return hasApplied(state, commandKey.request(request.requestId))
      ? duplicate()
      : fail(state, 'CASE_ALREADY_EXISTS', `case ${state.caseId} already exists`);
  }
  if (typeof command.caseId !== 'string' || command.caseId.trim() === '') {
    return fail(state, 'VALIDATION_FAILED', 'invalid case id', [
      { path: 'caseId', message: 'expected a non-empty string' },
    ]);
  }
  const assessed = assess(request, command.policy, ctx.now);
  if (!assessed.eligible) {
    return fail(
      state,
      assessed.rule === 'OUT_OF_WINDOW' ? 'OUT_OF_WINDOW' : 'NOT_ELIGIBLE',
      assessed.explanation,
      [{ path: '', message: assessed.explanation, code: assessed.rule }],
    );
  }
  const { name, profile } = profileFor(command.policy, request.merchantId);
  const signals = command.abuseSignals;
  const exceeded = signals ? abuseThresholdsExceeded(profile.abuse, signals) : [];
  const eligibility =
    exceeded.length > 0
      ? { ...assessed, autoApprove: false, autoApproveReason: null, fastRefundEligible: false }
      : assessed;
  const out = new Emitter(state, ctx);
  out.emit('CASE_REQUESTED', {
    caseId: command.caseId,
    request,
    eligibility,
    policyVersion: command.policy.version,
    profileName: name,
    profile,
    timeZone: command.policy.timeZone,
    merchantRespondBy: eligibility.autoApprove ? null : due(ctx, profile.clocks.merchantResponse),
    ...(exceeded.length > 0 ? { riskFlags: ['ABUSE_SIGNALS' as const] } : {}),
    ...(signals ? { abuseSignals: { ...signals, exceeded } } : {}),
  });
  if (eligibility.autoApprove) approve(out, { by: 'AUTO' });
  return out.done();
}
