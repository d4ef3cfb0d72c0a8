/** The policy's abuse thresholds (DOMAIN.md "Abuse signals from the log"), per profile, all optional. */
export interface AbusePolicy {
  /** The rolling window the signals are counted over (ISO 8601 duration, e.g. `P90D`). */
  readonly window: string;
  readonly maxCases?: number;
  readonly maxRefundOnly?: number;
  readonly maxBadGrades?: number;
  readonly maxRulingsAgainst?: number;
}

/**
 * A customer's signals over the window, counted from the log at request time, the new case included:
 * cases opened, refund-only cases, units graded `D_CUSTOMER_DAMAGED`/`MISMATCH`, rulings for the merchant.
 */
export interface AbuseSignals {
  readonly cases: number;
  readonly refundOnly: number;
  readonly badGrades: number;
  readonly rulingsAgainst: number;
}

/** What switched automation off for a case (API.md `riskFlags`). */
export type RiskFlag = 'ABUSE_SIGNALS';

/** The signals above one of the policy's thresholds (empty when none is, or when the profile sets none). */
export function abuseThresholdsExceeded(policy: AbusePolicy | undefined, signals: AbuseSignals): string[] {
  if (!policy) return [];
  const checks: Array<[string, number, number | undefined]> = [
    ['cases', signals.cases, policy.maxCases],
    ['refundOnly', signals.refundOnly, policy.maxRefundOnly],
    ['badGrades', signals.badGrades, policy.maxBadGrades],
    ['rulingsAgainst', signals.rulingsAgainst, policy.maxRulingsAgainst],
  ];
  return checks.filter(([, count, max]) => max !== undefined && count > max).map(([name]) => name);
}
