import { dayWindowEnd, monthWindowEnd } from './calendar';
import { CaseRequest, NO_REASON_EXCLUDED_CATEGORIES, Reason, assertNever } from './case.types';
import { parseIsoDuration } from './duration';
import type { EligibilityRule, EligibilityWindow, ExclusionRule } from './eligibility';
import { Money } from './money';
import { PolicyProfile } from './policy.schema';

/** The verdict of the rule that applies to a request: whether, which rule, why, and the window checked. */
export interface Verdict {
  eligible: boolean;
  rule: EligibilityRule | ExclusionRule;
  appliedRule: EligibilityRule | null;
  explanation: string;
  window: EligibilityWindow | null;
  visibleDefectReportBy: string | null;
}

/** Visible defects: the reasons for which electronics must report within 48 h / 72 h [platform: JD]. */
export const VISIBLE_DEFECT_REASONS = [
  'DAMAGED_IN_TRANSIT',
  'MISSING_PARTS',
] as const satisfies readonly Reason[];

/** Price protection's refund: Σ max(0, paid − current unit price) × quantity (item price, else the request's). */
export function priceProtectionRefundOf(request: CaseRequest): Money {
  const currency = request.items[0].unitPrice.currency;
  let amount = 0;
  for (const item of request.items) {
    const current = item.currentUnitPrice ?? request.currentUnitPrice;
    if (!current) continue;
    amount += Math.max(0, item.unitPrice.amount - current.amount) * item.quantity;
  }
  return { amount, currency };
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function dayWindow(
  from: 'DELIVERY' | 'PAYMENT',
  at: string,
  days: number,
  timeZone: string,
): EligibilityWindow {
  return {
    from,
    fromInstant: at,
    days,
    duration: null,
    months: null,
    endsAt: iso(dayWindowEnd(new Date(at), days, timeZone)),
  };
}

function inWindow(window: EligibilityWindow, now: Date): boolean {
  return window.endsAt !== null && now.getTime() <= Date.parse(window.endsAt);
}

function windowVerdict(rule: EligibilityRule, window: EligibilityWindow, now: Date, what: string): Verdict {
  const within = inWindow(window, now);
  const span =
    window.days !== null
      ? `${window.days} days`
      : window.months !== null
        ? `${window.months} months`
        : `${window.duration}`;
  return {
    eligible: within,
    rule: within ? rule : 'OUT_OF_WINDOW',
    appliedRule: rule,
    explanation: within
      ? `${what} within ${span}, until ${window.endsAt}`
      : window.endsAt === null
        ? `${what} is not offered by this profile`
        : `${what} window of ${span} ended at ${window.endsAt}`,
    window,
    visibleDefectReportBy: null,
  };
}

/** A refusal by an exclusion rule, with no window. */
export function refuse(
  rule: ExclusionRule,
  appliedRule: EligibilityRule | null,
  explanation: string,
): Verdict {
  return { eligible: false, rule, appliedRule, explanation, window: null, visibleDefectReportBy: null };
}

/** What a rule checks a request against: the merchant's profile, the policy's time zone, the instant. */
interface Assessing {
  readonly request: CaseRequest;
  readonly profile: PolicyProfile;
  readonly timeZone: string;
  readonly now: Date;
  /** Delivery, or payment when there is no delivery. */
  readonly deliveredAt: string;
  readonly hasFresh: boolean;
}

const FRESH_ONLY = 'fresh food is claimed as REFUND_ONLY with photos';

function returnRefundVerdict({ request, profile, timeZone, now, deliveredAt, hasFresh }: Assessing): Verdict {
  if (request.reason === 'NO_REASON') {
    const excluded = request.items.find((item) =>
      (NO_REASON_EXCLUDED_CATEGORIES as readonly string[]).includes(item.category),
    );
    if (excluded) {
      return refuse(
        'EXCLUDED_CATEGORY',
        'NO_REASON_7D',
        `${excluded.category} goods (${excluded.sku}) have no no-reason return`,
      );
    }
    return windowVerdict(
      'NO_REASON_7D',
      dayWindow('DELIVERY', deliveredAt, profile.noReasonReturnDays, timeZone),
      now,
      'no-reason return',
    );
  }
  if (hasFresh) return refuse('FRESH_CLAIM_ONLY', 'QUALITY_RETURN', FRESH_ONLY);
  return windowVerdict(
    'QUALITY_RETURN',
    dayWindow('DELIVERY', deliveredAt, profile.qualityReturnDays, timeZone),
    now,
    'quality return',
  );
}

function exchangeVerdict({ profile, timeZone, now, deliveredAt, hasFresh }: Assessing): Verdict {
  if (hasFresh) return refuse('FRESH_CLAIM_ONLY', 'QUALITY_EXCHANGE', FRESH_ONLY);
  return windowVerdict(
    'QUALITY_EXCHANGE',
    dayWindow('DELIVERY', deliveredAt, profile.qualityExchangeDays, timeZone),
    now,
    'quality exchange',
  );
}

function repairVerdict({ request, profile, timeZone, now, deliveredAt, hasFresh }: Assessing): Verdict {
  if (hasFresh) return refuse('FRESH_CLAIM_ONLY', 'WARRANTY_REPAIR', FRESH_ONLY);
  // The shortest warranty of the items decides: every item must still be under warranty.
  const months = Math.min(
    ...request.items.map((item) => item.warrantyMonths ?? profile.defaultWarrantyMonths),
  );
  const window: EligibilityWindow = {
    from: 'DELIVERY',
    fromInstant: deliveredAt,
    days: null,
    duration: null,
    months,
    endsAt: iso(monthWindowEnd(new Date(deliveredAt), months, timeZone)),
  };
  return windowVerdict('WARRANTY_REPAIR', window, now, 'warranty repair');
}

function freshClaimVerdict({ request, profile, now, deliveredAt }: Assessing): Verdict {
  const endsAt = new Date(Date.parse(deliveredAt) + parseIsoDuration(profile.freshClaimWindow));
  const window: EligibilityWindow = {
    from: 'DELIVERY',
    fromInstant: deliveredAt,
    days: null,
    duration: profile.freshClaimWindow,
    months: null,
    endsAt: endsAt.toISOString(),
  };
  const verdict = windowVerdict('FRESH_CLAIM', window, now, 'fresh-food claim');
  if (!verdict.eligible) return verdict;
  if (!(request.evidence ?? []).some((evidence) => evidence.kind === 'PHOTO')) {
    return {
      ...verdict,
      eligible: false,
      rule: 'FRESH_NEEDS_PHOTO',
      explanation: 'a fresh-food claim needs photo evidence',
    };
  }
  return verdict;
}

function priceProtectionVerdict({ request, profile, timeZone, now }: Assessing): Verdict {
  if (profile.priceProtectionDays <= 0) {
    return refuse(
      'PRICE_PROTECTION_NOT_OFFERED',
      'PRICE_PROTECTION',
      'this merchant offers no price protection',
    );
  }
  const verdict = windowVerdict(
    'PRICE_PROTECTION',
    dayWindow('PAYMENT', request.paidAt, profile.priceProtectionDays, timeZone),
    now,
    'price protection',
  );
  if (!verdict.eligible) return verdict;
  if (priceProtectionRefundOf(request).amount === 0) {
    return {
      ...verdict,
      eligible: false,
      rule: 'NO_PRICE_DROP',
      explanation: 'the current price is not below the paid price',
    };
  }
  return verdict;
}

/** The verdict of the rule of the request's type: its window, and the exclusions that rule knows. */
export function mainVerdict(
  request: CaseRequest,
  profile: PolicyProfile,
  timeZone: string,
  now: Date,
): Verdict {
  const assessing: Assessing = {
    request,
    profile,
    timeZone,
    now,
    deliveredAt: request.deliveredAt ?? request.paidAt,
    hasFresh: request.items.some((item) => item.category === 'FRESH'),
  };
  switch (request.type) {
    case 'RETURN_REFUND':
      return returnRefundVerdict(assessing);
    case 'EXCHANGE':
      return exchangeVerdict(assessing);
    case 'REPAIR':
      return repairVerdict(assessing);
    case 'REFUND_ONLY':
      return freshClaimVerdict(assessing);
    case 'PRICE_PROTECTION':
      return priceProtectionVerdict(assessing);
    default:
      return assertNever(request.type, 'case type');
  }
}

/** Electronics must report visible defects within 48 h (portable) or 72 h (non-portable) of delivery. */
export function visibleDefectCheck(
  request: CaseRequest,
  profile: PolicyProfile,
  now: Date,
  verdict: Verdict,
): Verdict {
  if (!verdict.eligible || !request.deliveredAt) return verdict;
  if (!(VISIBLE_DEFECT_REASONS as readonly Reason[]).includes(request.reason)) return verdict;
  const electronics = request.items.filter((item) => item.category === 'ELECTRONICS');
  if (electronics.length === 0) return verdict;
  const delivered = Date.parse(request.deliveredAt);
  const reportBy = Math.min(
    ...electronics.map(
      (item) =>
        delivered +
        parseIsoDuration(
          item.portable === false
            ? profile.electronicsDefectWindow.nonPortable
            : profile.electronicsDefectWindow.portable,
        ),
    ),
  );
  const reportByIso = new Date(reportBy).toISOString();
  if (now.getTime() <= reportBy) return { ...verdict, visibleDefectReportBy: reportByIso };
  return {
    ...verdict,
    eligible: false,
    rule: 'ELECTRONICS_DEFECT_REPORT_LATE',
    explanation: `visible defects of electronics had to be reported by ${reportByIso}`,
    visibleDefectReportBy: reportByIso,
  };
}
