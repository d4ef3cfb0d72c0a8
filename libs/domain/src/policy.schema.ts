import { z } from 'zod';
import type { AbusePolicy } from './abuse-signals';
import { isValidTimeZone } from './calendar';
import { DomainErrorDetail, PolicyValidationError } from './case.errors';
import { isIsoDuration } from './duration';
import { Money } from './money';
import { lazySchema } from './lazy-schema';

/** An ISO 8601 duration text such as `PT48H` or `P7D` (see duration.ts for what is supported). */
export const isoDurationSchema = lazySchema(() =>
  z.string().refine(isIsoDuration, { error: 'expected ISO 8601 duration' }),
);

/** Money as the policy and the API write it: integer minor units and an ISO 4217 currency. */
export const moneySchema = lazySchema(() =>
  z.object({
    amount: z.int().nonnegative({ error: 'expected a non-negative integer of minor units' }),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code' }),
  }),
);

const wholeDays = z.int().nonnegative({ error: 'expected a non-negative whole number of days' });

/** The clocks of a case (DOMAIN.md's table), each an ISO 8601 duration. */
export interface PolicyClocks {
  /** Merchant must answer a request; expiry auto-approves. */
  readonly merchantResponse: string;
  /** Customer must ship the return after approval; expiry closes the case (RETURN_NOT_SHIPPED). */
  readonly customerShip: string;
  /** Warehouse must inspect after delivery to it; expiry refunds in full. */
  readonly warehouseInspect: string;
  /** Customer may escalate a rejection; expiry closes the case. */
  readonly escalationWindow: string;
  /** Merchant must answer an escalation; expiry opens arbitration. */
  readonly merchantEscalationAnswer: string;
  /** Refund must be paid after inspection passed; expiry flags the case as stuck (SLA). */
  readonly refundAfterInspection: string;
  /** Replacement must ship after inspection passed; expiry flags the case as stuck (SLA). */
  readonly replacementShip: string;
  /** Added field: a repair longer than this turns into an exchange or refund ([platform: JD] 30 days). */
  readonly repairMaxDuration: string;
}

/** A merchant profile: every window, clock, limit and percentage of DOMAIN.md. */
export interface PolicyProfile {
  /** Added field: the profile these values were merged from, if declared. */
  readonly extends?: string;
  readonly noReasonReturnDays: number;
  readonly qualityReturnDays: number;
  readonly qualityExchangeDays: number;
  /** 0 means price protection is not offered. */
  readonly priceProtectionDays: number;
  readonly freshClaimWindow: string;
  readonly defaultWarrantyMonths: number;
  readonly autoApproveLimit: Money;
  readonly fastRefundLimit: Money;
  readonly wearDeductionPercent: number;
  readonly clocks: PolicyClocks;
  readonly supplierReturnBatch: { readonly maxUnits: number; readonly maxWait: string };
  /** Added field: visible defects of electronics must be reported within these ([platform: JD] 48 h / 72 h). */
  readonly electronicsDefectWindow: { readonly portable: string; readonly nonPortable: string };
  /** Added field: this many failed repairs turn a repair into an exchange or refund ([law] 2). */
  readonly maxRepairFailures: number;
  /** Added field: whether an in-window price-protection claim is auto-approved (default false: DOMAIN.md lists no such rule). */
  readonly autoApprovePriceProtection: boolean;
  /** Added field (optional): abuse thresholds; above one, no auto-approval and no fast refund. */
  readonly abuse?: AbusePolicy;
  /** Added field (optional, default `PT5M`): how far a carrier scan's `occurredAt` may run ahead of the service's clock. */
  readonly scanClockSkew?: string;
}

/** A validated policy whose profiles are complete (inherited fields merged in). */
export interface Policy {
  readonly version: string;
  /** IANA time zone in which day windows are counted. */
  readonly timeZone: string;
  readonly defaultProfile: string;
  /** merchantId → profile name; merchants not listed use `defaultProfile`. */
  readonly merchants: Readonly<Record<string, string>>;
  readonly profiles: Readonly<Record<string, PolicyProfile>>;
}

/** Values of the fields this project added to DOMAIN.md's format, used when a file omits them everywhere. */
export const ADDED_PROFILE_FIELD_DEFAULTS = {
  clocks: { repairMaxDuration: 'P30D' },
  electronicsDefectWindow: { portable: 'PT48H', nonPortable: 'PT72H' },
  maxRepairFailures: 2,
  autoApprovePriceProtection: false,
} as const;

const clocksSchema = z.strictObject({
  merchantResponse: isoDurationSchema,
  customerShip: isoDurationSchema,
  warehouseInspect: isoDurationSchema,
  escalationWindow: isoDurationSchema,
  merchantEscalationAnswer: isoDurationSchema,
  refundAfterInspection: isoDurationSchema,
  replacementShip: isoDurationSchema,
  repairMaxDuration: isoDurationSchema,
});

const profileShape = {
  extends: z.string().min(1).optional(),
  noReasonReturnDays: wholeDays,
  qualityReturnDays: wholeDays,
  qualityExchangeDays: wholeDays,
  priceProtectionDays: wholeDays,
  freshClaimWindow: isoDurationSchema,
  defaultWarrantyMonths: z.int().nonnegative({ error: 'expected a non-negative whole number of months' }),
  autoApproveLimit: moneySchema,
  fastRefundLimit: moneySchema,
  wearDeductionPercent: z.int({ error: 'expected an integer percentage' }).min(0).max(100),
  clocks: clocksSchema,
  supplierReturnBatch: z.strictObject({
    maxUnits: z.int().positive({ error: 'expected a positive whole number of units' }),
    maxWait: isoDurationSchema,
  }),
  electronicsDefectWindow: z.strictObject({ portable: isoDurationSchema, nonPortable: isoDurationSchema }),
  maxRepairFailures: z.int().positive(),
  autoApprovePriceProtection: z.boolean(),
  abuse: z
    .strictObject({
      window: isoDurationSchema,
      maxCases: z.int().nonnegative().optional(),
      maxRefundOnly: z.int().nonnegative().optional(),
      maxBadGrades: z.int().nonnegative().optional(),
      maxRulingsAgainst: z.int().nonnegative().optional(),
    })
    .optional(),
  scanClockSkew: isoDurationSchema.optional(),
};

/** The schema of a complete profile. */
export const profileSchema = lazySchema(() => z.strictObject(profileShape));

/** The schema of a profile as written in the file: any field may be omitted and inherited. */
export const partialProfileSchema = lazySchema(() =>
  z
    .strictObject({
      ...profileShape,
      clocks: clocksSchema.partial(),
      supplierReturnBatch: profileShape.supplierReturnBatch.partial(),
      electronicsDefectWindow: profileShape.electronicsDefectWindow.partial(),
    })
    .partial(),
);

/** The schema of the policy file (DOMAIN.md's JSON format; fields may be added, none renamed). */
export const policyFileSchema = lazySchema(() =>
  z.strictObject({
    version: z.string().min(1, { error: 'expected a non-empty version' }),
    timeZone: z
      .string()
      .refine(isValidTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai' }),
    defaultProfile: z.string().min(1),
    merchants: z.record(z.string(), z.string().min(1)).default({}),
    profiles: z.record(z.string(), partialProfileSchema),
  }),
);

/** The policy file as written, before inheritance is resolved. */
export type PolicyFile = z.input<typeof policyFileSchema>;

type Json = { [key: string]: unknown };

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Keys starting with "..." or "$" are comments (DOMAIN.md's example writes `"...": "the rest as national"`).
function withoutCommentKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCommentKeys);
  if (!isPlainObject(value)) return value;
  const result: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('...') || key.startsWith('$')) continue;
    result[key] = withoutCommentKeys(inner);
  }
  return result;
}

// Fields of `override` win; nested objects merge field by field.
function deepMerge(base: Json, override: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[]): DomainErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...prefix, ...issue.path, key].map(String).join('.'),
        message: 'unknown field (a typo? comments start with "$")',
      }));
    }
    const path = [...prefix, ...issue.path].map(String).join('.');
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return {
      path,
      message: missing ? 'required (not set here nor in the profile it inherits from)' : issue.message,
    };
  });
}

/**
 * Validates a policy file and resolves its profiles. A profile may omit fields: they come from the
 * profile named by its `extends` when it declares one, otherwise from `defaultProfile` (nested objects
 * such as `clocks` merge field by field). Fields this project added to DOMAIN.md's format take
 * ADDED_PROFILE_FIELD_DEFAULTS when no profile in the chain sets them. Throws PolicyValidationError
 * naming every bad field path, e.g. `profiles.national.clocks.merchantResponse: expected ISO 8601 duration`.
 */
export function parsePolicy(input: unknown): Policy {
  const parsed = policyFileSchema.safeParse(withoutCommentKeys(input));
  if (!parsed.success) throw new PolicyValidationError(issuesOf(parsed.error, []));
  const file = parsed.data;
  const issues: DomainErrorDetail[] = [];
  if (!(file.defaultProfile in file.profiles)) {
    issues.push({
      path: 'defaultProfile',
      message: `names no profile (profiles: ${Object.keys(file.profiles).join(', ')})`,
    });
  }
  for (const [merchantId, profileName] of Object.entries(file.merchants)) {
    if (!(profileName in file.profiles)) {
      issues.push({ path: `merchants.${merchantId}`, message: `names no profile: ${profileName}` });
    }
  }
  if (issues.length > 0) throw new PolicyValidationError(issues);

  const resolved: Record<string, PolicyProfile> = {};
  const resolving = new Set<string>();
  const resolve = (name: string, path: string): Json | null => {
    const own = file.profiles[name] as Json | undefined;
    if (!own) {
      issues.push({ path, message: `names no profile: ${name}` });
      return null;
    }
    if (resolving.has(name)) {
      issues.push({ path, message: `profiles inherit from each other in a cycle through ${name}` });
      return null;
    }
    resolving.add(name);
    const parentName =
      typeof own.extends === 'string'
        ? own.extends
        : name === file.defaultProfile
          ? null
          : file.defaultProfile;
    const parent =
      parentName === null
        ? (ADDED_PROFILE_FIELD_DEFAULTS as unknown as Json)
        : resolve(parentName, `profiles.${name}.extends`);
    resolving.delete(name);
    return parent === null ? null : deepMerge(parent, own);
  };
  for (const name of Object.keys(file.profiles)) {
    const merged = resolve(name, `profiles.${name}`);
    if (merged === null) continue;
    const complete = profileSchema.safeParse(merged);
    if (!complete.success) {
      issues.push(...issuesOf(complete.error, ['profiles', name]));
      continue;
    }
    const { extends: declared, ...fields } = complete.data;
    resolved[name] =
      typeof (file.profiles[name] as Json).extends === 'string' ? { extends: declared, ...fields } : fields;
  }
  if (issues.length > 0) throw new PolicyValidationError(dedupe(issues));
  return {
    version: file.version,
    timeZone: file.timeZone,
    defaultProfile: file.defaultProfile,
    merchants: { ...file.merchants },
    profiles: resolved,
  };
}

function dedupe(issues: readonly DomainErrorDetail[]): DomainErrorDetail[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses the text of a policy file (JSON) with parsePolicy; a JSON syntax error is a PolicyValidationError too. */
export function parsePolicyJson(text: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PolicyValidationError([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parsePolicy(raw);
}

/** The profile that applies to a merchant, with its name: the merchant's own, or the default one. */
export function profileFor(policy: Policy, merchantId: string): { name: string; profile: PolicyProfile } {
  const name = Object.prototype.hasOwnProperty.call(policy.merchants, merchantId)
    ? policy.merchants[merchantId]
    : policy.defaultProfile;
  const profile = policy.profiles[name] ?? policy.profiles[policy.defaultProfile];
  return { name, profile };
}
