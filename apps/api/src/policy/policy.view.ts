import { z } from 'zod';
import { Policy, PolicyClocks } from '../../../../libs/domain/src';
import type { TokenClaims } from '../auth/tokens';

const duration = () => z.string().describe('ISO 8601 duration, e.g. PT48H');

/** A profile's clocks (DOMAIN.md's table), each an ISO 8601 duration. */
const clocksSchema = z.object({
  merchantResponse: duration().describe('The merchant answers a request; expiry auto-approves.'),
  customerShip: duration().describe('The customer ships the return after approval; expiry closes the case.'),
  warehouseInspect: duration().describe(
    'The warehouse inspects after delivery to it; expiry refunds in full.',
  ),
  escalationWindow: duration().describe('The customer may escalate a rejection; expiry closes the case.'),
  merchantEscalationAnswer: duration().describe(
    'The merchant answers an escalation; expiry opens arbitration.',
  ),
  refundAfterInspection: duration().describe('The refund is paid after inspection passed (SLA).'),
  replacementShip: duration().describe('The replacement ships after inspection passed (SLA).'),
  repairMaxDuration: duration().describe('A longer repair turns into an exchange or a refund.'),
});

/** `GET /v1/policy`: the policy's version, time zone and clocks, read-only. */
export const policySummarySchema = z.object({
  version: z.string().describe('The version new cases are decided under (a case keeps its own).'),
  timeZone: z.string().describe('IANA time zone in which day windows are counted and times are shown.'),
  defaultProfile: z.string(),
  profile: z
    .string()
    .describe("The profile `clocks` are of: a merchant's own profile, else the default profile."),
  clocks: clocksSchema,
  profiles: z
    .record(z.string(), z.object({ clocks: clocksSchema }))
    .describe("Every profile's clocks, by profile name."),
});

/** The answer of `GET /v1/policy`. */
export type PolicySummary = z.infer<typeof policySummarySchema>;

function clocksOf(clocks: PolicyClocks): PolicySummary['clocks'] {
  return {
    merchantResponse: clocks.merchantResponse,
    customerShip: clocks.customerShip,
    warehouseInspect: clocks.warehouseInspect,
    escalationWindow: clocks.escalationWindow,
    merchantEscalationAnswer: clocks.merchantEscalationAnswer,
    refundAfterInspection: clocks.refundAfterInspection,
    replacementShip: clocks.replacementShip,
    repairMaxDuration: clocks.repairMaxDuration,
  };
}

/**
 * What `caller` may read of the policy: no merchant-to-profile table (which shops use which
 * profile is not a caller's business), a merchant's `clocks` from its own profile.
 */
export function policySummary(policy: Policy, caller: TokenClaims): PolicySummary {
  const own =
    caller.role === 'merchant' && caller.merchantId ? policy.merchants[caller.merchantId] : undefined;
  const profile = own ?? policy.defaultProfile;
  return {
    version: policy.version,
    timeZone: policy.timeZone,
    defaultProfile: policy.defaultProfile,
    profile,
    clocks: clocksOf(policy.profiles[profile].clocks),
    profiles: Object.fromEntries(
      Object.entries(policy.profiles).map(([name, entry]) => [name, { clocks: clocksOf(entry.clocks) }]),
    ),
  };
}
