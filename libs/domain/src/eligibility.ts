import { consistencyIssues, typeShipsGoodsBack } from './case.request';
import { CaseItem, CaseRequest } from './case.types';
import {
  Verdict,
  mainVerdict,
  priceProtectionRefundOf,
  refuse,
  visibleDefectCheck,
} from './eligibility.verdict';
import { Money, multiplyMoney, sumMoney } from './money';
import { Policy, PolicyProfile, profileFor } from './policy.schema';

/**
 * The rules that make a request eligible. `NO_REASON_7D` keeps its statutory name (七天无理由) under
 * every profile; the window actually applied (7 days, 30 under platform-plus) is in `window.days`.
 */
export const ELIGIBILITY_RULES = [
  'NO_REASON_7D',
  'QUALITY_RETURN',
  'QUALITY_EXCHANGE',
  'WARRANTY_REPAIR',
  'FRESH_CLAIM',
  'PRICE_PROTECTION',
] as const;
/** A rule that makes a request eligible. */
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

/** The rules that refuse a request. */
export const EXCLUSION_RULES = [
  /** A no-reason return of CUSTOM, FRESH, DIGITAL or PERIODICAL goods [law]. */
  'EXCLUDED_CATEGORY',
  /** Past the window of the rule that would apply. */
  'OUT_OF_WINDOW',
  /** A fresh-food claim without photo evidence. */
  'FRESH_NEEDS_PHOTO',
  /** Fresh food is only claimed as REFUND_ONLY (nothing is shipped back). */
  'FRESH_CLAIM_ONLY',
  /** A visible defect of electronics reported after 48 h (portable) or 72 h (non-portable). */
  'ELECTRONICS_DEFECT_REPORT_LATE',
  /** The merchant's profile offers no price protection (priceProtectionDays 0). */
  'PRICE_PROTECTION_NOT_OFFERED',
  /** The current price is not below the paid price. */
  'NO_PRICE_DROP',
  /** The request comes before the goods were delivered (or paid, for price protection). */
  'NOT_YET_DELIVERED',
  /** Type, reason, categories or return method do not fit together (see consistencyIssues). */
  'INCONSISTENT_REQUEST',
] as const;
/** A rule that refuses a request. */
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

/** Why a request is approved without the merchant [default]. */
export type AutoApproveReason =
  'NO_REASON_UNDER_LIMIT' | 'TRUSTED_CUSTOMER' | 'FRESH_CLAIM_UNDER_LIMIT' | 'PRICE_PROTECTION';

/** Who pays the return freight [law]: the customer for NO_REASON, the merchant for quality problems. */
export type FreightPayer = 'CUSTOMER' | 'MERCHANT' | 'NONE';

/** Visible defects: the reasons for which electronics must report within 48 h / 72 h [platform: JD]. */
export { VISIBLE_DEFECT_REASONS } from './eligibility.verdict';

/** The window a rule checked. */
export interface EligibilityWindow {
  /** What the window counts from. */
  readonly from: 'DELIVERY' | 'PAYMENT';
  /** The instant it counts from (ISO 8601). */
  readonly fromInstant: string;
  /** Calendar days in the policy's time zone from the day after `fromInstant`, when a day window. */
  readonly days: number | null;
  /** An exact duration from `fromInstant`, when an hour window (fresh claims). */
  readonly duration: string | null;
  /** Months of warranty (the shortest of the items), when a warranty window. */
  readonly months: number | null;
  /** The last instant still in the window (inclusive), or null when the rule offers no window. */
  readonly endsAt: string | null;
}

/** The outcome of `assess`: whether and why, under which policy, and what follows for the case. */
export interface EligibilityAssessment {
  readonly eligible: boolean;
  /** The rule that decided: an eligibility rule when eligible, an exclusion otherwise. */
  readonly rule: EligibilityRule | ExclusionRule;
  /** The eligibility rule whose conditions were checked (null when none applies). */
  readonly appliedRule: EligibilityRule | null;
  /** One sentence a person can read. */
  readonly explanation: string;
  readonly policyVersion: string;
  /** The profile name that applied. */
  readonly profile: string;
  /** When the request was assessed (ISO 8601). */
  readonly assessedAt: string;
  readonly window: EligibilityWindow | null;
  /** The end of the window (same as `window.endsAt`), for the view's deadlines. */
  readonly windowEndsAt: string | null;
  /** Electronics visible defects: the report-by instant checked (null when not applicable). */
  readonly visibleDefectReportBy: string | null;
  readonly autoApprove: boolean;
  readonly autoApproveReason: AutoApproveReason | null;
  /** A TRUSTED customer's in-window return under `fastRefundLimit`: refunded when the carrier picks up. */
  readonly fastRefundEligible: boolean;
  readonly freightPayer: FreightPayer;
  /** Whether the goods come back (RETURN_REFUND, EXCHANGE, REPAIR). */
  readonly returnRequired: boolean;
  /** The order had return-shipping insurance and the customer pays the freight: claim at pickup. */
  readonly insuranceClaimDue: boolean;
  /** What the customer paid for the items of the case. */
  readonly total: Money;
  /** Price protection: Σ (paid − current unit price) × quantity; null for other types. */
  readonly priceProtectionRefund: Money | null;
}

/** What the customer paid for the items: Σ unit price × quantity. */
export function paidTotal(items: readonly CaseItem[]): Money {
  return sumMoney(
    items.map((item) => multiplyMoney(item.unitPrice, item.quantity)),
    items[0]?.unitPrice.currency,
  );
}

/** Price protection's refund: Σ max(0, paid − current unit price) × quantity (item price, else the request's). */
export { priceProtectionRefundOf } from './eligibility.verdict';

/**
 * Decides whether a request is eligible under the merchant's profile of `policy` at `now`, and what
 * follows: auto-approval, fast refund, freight payer, the window's end. Total over consistent and
 * inconsistent requests alike (an inconsistent one is refused with INCONSISTENT_REQUEST).
 */
export function assess(request: CaseRequest, policy: Policy, now: Date): EligibilityAssessment {
  const { name, profile } = profileFor(policy, request.merchantId);
  const total = paidTotal(request.items);
  const returnRequired = typeShipsGoodsBack(request.type);
  const base = {
    policyVersion: policy.version,
    profile: name,
    assessedAt: now.toISOString(),
    total,
    returnRequired,
    freightPayer: (!returnRequired
      ? 'NONE'
      : request.reason === 'NO_REASON'
        ? 'CUSTOMER'
        : 'MERCHANT') as FreightPayer,
    priceProtectionRefund: request.type === 'PRICE_PROTECTION' ? priceProtectionRefundOf(request) : null,
  };
  const issues = consistencyIssues(request);
  let verdict: Verdict;
  if (issues.length > 0) {
    verdict = refuse(
      'INCONSISTENT_REQUEST',
      null,
      issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    );
  } else {
    const from =
      request.type === 'PRICE_PROTECTION' ? request.paidAt : (request.deliveredAt ?? request.paidAt);
    verdict =
      now.getTime() < Date.parse(from)
        ? refuse('NOT_YET_DELIVERED', null, `the window starts at ${from}`)
        : visibleDefectCheck(request, profile, now, mainVerdict(request, profile, policy.timeZone, now));
  }
  const autoApproveReason = verdict.eligible ? autoApproveReasonOf(request, profile, verdict, total) : null;
  const fastRefundEligible =
    verdict.eligible &&
    request.customerTier === 'TRUSTED' &&
    request.type === 'RETURN_REFUND' &&
    total.currency === profile.fastRefundLimit.currency &&
    total.amount < profile.fastRefundLimit.amount;
  return {
    eligible: verdict.eligible,
    rule: verdict.rule,
    appliedRule: verdict.appliedRule,
    explanation: verdict.explanation,
    window: verdict.window,
    windowEndsAt: verdict.window?.endsAt ?? null,
    visibleDefectReportBy: verdict.visibleDefectReportBy,
    autoApprove: autoApproveReason !== null,
    autoApproveReason,
    fastRefundEligible,
    insuranceClaimDue:
      request.shippingInsurance === true && returnRequired && base.freightPayer === 'CUSTOMER',
    ...base,
  };
}

function autoApproveReasonOf(
  request: CaseRequest,
  profile: PolicyProfile,
  verdict: Verdict,
  total: Money,
): AutoApproveReason | null {
  const underLimit =
    total.currency === profile.autoApproveLimit.currency && total.amount <= profile.autoApproveLimit.amount;
  if (verdict.rule === 'NO_REASON_7D' && underLimit) return 'NO_REASON_UNDER_LIMIT';
  if (verdict.rule === 'FRESH_CLAIM' && underLimit) return 'FRESH_CLAIM_UNDER_LIMIT';
  if (verdict.rule === 'PRICE_PROTECTION' && profile.autoApprovePriceProtection) return 'PRICE_PROTECTION';
  if (request.customerTier === 'TRUSTED') return 'TRUSTED_CUSTOMER';
  return null;
}
