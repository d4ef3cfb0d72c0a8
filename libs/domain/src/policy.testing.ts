import { Policy, PolicyClocks, PolicyProfile, parsePolicy } from './policy.schema';
import { DEFAULT_POLICY } from './policy.default';

/** Clocks of seconds, so that workflow tests can let every clock expire. */
export const TEST_CLOCKS: PolicyClocks = {
  merchantResponse: 'PT3S',
  customerShip: 'PT3S',
  warehouseInspect: 'PT3S',
  escalationWindow: 'PT3S',
  merchantEscalationAnswer: 'PT3S',
  refundAfterInspection: 'PT5S',
  replacementShip: 'PT5S',
  repairMaxDuration: 'PT5S',
};

/** Overrides of makeTestPolicy: top-level fields, and per-profile fields merged into every profile. */
export interface TestPolicyOverrides {
  readonly version?: string;
  readonly timeZone?: string;
  readonly defaultProfile?: string;
  readonly merchants?: Readonly<Record<string, string>>;
  /** Applied to every profile (clocks merge with TEST_CLOCKS field by field). */
  readonly allProfiles?: Partial<Omit<PolicyProfile, 'clocks'>> & { readonly clocks?: Partial<PolicyClocks> };
  /** Applied to one named profile after `allProfiles`. */
  readonly profiles?: Readonly<
    Record<string, Partial<Omit<PolicyProfile, 'clocks'>> & { readonly clocks?: Partial<PolicyClocks> }>
  >;
}

/**
 * A policy for tests: the default policy's windows and limits, every clock a few seconds
 * (TEST_CLOCKS), supplier batches waiting seconds, and the given overrides; validated by parsePolicy.
 */
export function makeTestPolicy(overrides: TestPolicyOverrides = {}): Policy {
  const profiles: Record<string, PolicyProfile> = {};
  const names = new Set([...Object.keys(DEFAULT_POLICY.profiles), ...Object.keys(overrides.profiles ?? {})]);
  for (const name of names) {
    const base = DEFAULT_POLICY.profiles[name] ?? DEFAULT_POLICY.profiles[DEFAULT_POLICY.defaultProfile];
    const all = overrides.allProfiles ?? {};
    const own = overrides.profiles?.[name] ?? {};
    profiles[name] = {
      ...base,
      supplierReturnBatch: { ...base.supplierReturnBatch, maxWait: 'PT5S' },
      ...all,
      ...own,
      clocks: { ...TEST_CLOCKS, ...all.clocks, ...own.clocks },
    };
  }
  return parsePolicy({
    version: overrides.version ?? `${DEFAULT_POLICY.version}-test`,
    timeZone: overrides.timeZone ?? DEFAULT_POLICY.timeZone,
    defaultProfile: overrides.defaultProfile ?? DEFAULT_POLICY.defaultProfile,
    merchants: overrides.merchants ?? DEFAULT_POLICY.merchants,
    profiles,
  });
}
