import { PolicyValidationError } from './case.errors';
import { DEFAULT_POLICY, DEFAULT_POLICY_FILE } from './policy.default';
import { parsePolicy, parsePolicyJson, profileFor } from './policy.schema';
import { makeTestPolicy } from './policy.testing';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const messageOf = (input: unknown): string => {
  try {
    parsePolicy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the policy to be refused');
};

describe('the shipped default policy', () => {
  it('carries the numbers of DOMAIN.md under version 2026-11-01', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      version: '2026-11-01',
      timeZone: 'Asia/Shanghai',
      defaultProfile: 'national',
    });
    expect(DEFAULT_POLICY.profiles.national).toMatchObject({
      noReasonReturnDays: 7,
      qualityReturnDays: 7,
      qualityExchangeDays: 15,
      priceProtectionDays: 0,
      freshClaimWindow: 'PT48H',
      defaultWarrantyMonths: 12,
      autoApproveLimit: { amount: 20000, currency: 'CNY' },
      fastRefundLimit: { amount: 50000, currency: 'CNY' },
      wearDeductionPercent: 10,
      clocks: {
        merchantResponse: 'PT48H',
        customerShip: 'P7D',
        warehouseInspect: 'P10D',
        escalationWindow: 'P15D',
        merchantEscalationAnswer: 'PT24H',
        refundAfterInspection: 'P7D',
        replacementShip: 'PT72H',
        repairMaxDuration: 'P30D',
      },
      supplierReturnBatch: { maxUnits: 20, maxWait: 'P7D' },
    });
  });

  it('gives platform-plus 30-30-180 and inherits the rest from national', () => {
    const { name, profile } = profileFor(DEFAULT_POLICY, 'm-jd-style');
    expect(name).toBe('platform-plus');
    expect(profile).toMatchObject({
      noReasonReturnDays: 30,
      qualityReturnDays: 30,
      qualityExchangeDays: 180,
      priceProtectionDays: 30,
    });
    expect(profile.clocks).toEqual(DEFAULT_POLICY.profiles.national.clocks);
    expect(profile.wearDeductionPercent).toBe(10);
  });

  it('uses the default profile for merchants not listed', () => {
    expect(profileFor(DEFAULT_POLICY, 'm-unknown').name).toBe('national');
  });

  it('accepts DOMAIN.md example with its "..." comment key, merging missing fields from the default profile', () => {
    const file = clone(DEFAULT_POLICY_FILE) as unknown as {
      profiles: Record<string, Record<string, unknown>>;
    };
    delete file.profiles['platform-plus'].extends;
    file.profiles['platform-plus']['...'] = 'the rest as national';
    expect(parsePolicy(file).profiles['platform-plus'].clocks.customerShip).toBe('P7D');
  });

  it('round-trips through JSON and parsePolicy unchanged', () => {
    expect(parsePolicyJson(JSON.stringify(DEFAULT_POLICY))).toEqual(DEFAULT_POLICY);
  });
});

describe('a bad policy file', () => {
  it('names the bad duration field path', () => {
    const file = clone(DEFAULT_POLICY_FILE) as unknown as {
      profiles: { national: { clocks: Record<string, unknown> } };
    };
    file.profiles.national.clocks.merchantResponse = '48 hours';
    expect(messageOf(file)).toContain(
      'profiles.national.clocks.merchantResponse: expected ISO 8601 duration',
    );
  });

  it.each([
    ['profiles.national.wearDeductionPercent', 150],
    ['profiles.national.autoApproveLimit.amount', 1.5],
    ['profiles.platform-plus.noReasonReturnDays', -1],
    ['timeZone', 'Mars/Olympus'],
    ['merchants.m-jd-style', 'gold'],
    ['defaultProfile', 'none'],
    ['profiles.national.noReasonReturnDayz', 7],
    ['profiles.national.clocks.customerShip', undefined],
  ])('names %s', (path, value) => {
    const file = clone(DEFAULT_POLICY_FILE) as unknown as Record<string, unknown>;
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, file);
    if (value === undefined) delete parent[keys[keys.length - 1]];
    else parent[keys[keys.length - 1]] = value;
    expect(messageOf(file)).toContain(path);
  });

  it('refuses profiles that inherit from each other in a cycle', () => {
    const file = clone(DEFAULT_POLICY_FILE) as unknown as { profiles: Record<string, unknown> };
    file.profiles.a = { extends: 'b' };
    file.profiles.b = { extends: 'a' };
    expect(messageOf(file)).toContain('cycle');
  });

  it('refuses text that is not JSON', () => {
    expect(() => parsePolicyJson('{')).toThrow(PolicyValidationError);
  });
});

describe('the test policy', () => {
  it('has clocks of seconds and keeps the windows of the default policy', () => {
    const policy = makeTestPolicy({
      allProfiles: { clocks: { merchantResponse: 'PT2S' } },
      profiles: { 'platform-plus': { wearDeductionPercent: 5 } },
    });
    expect(policy.profiles.national.clocks.merchantResponse).toBe('PT2S');
    expect(policy.profiles.national.clocks.customerShip).toBe('PT3S');
    expect(policy.profiles.national.noReasonReturnDays).toBe(7);
    expect(policy.profiles['platform-plus'].wearDeductionPercent).toBe(5);
    expect(policy.profiles['platform-plus'].qualityExchangeDays).toBe(180);
  });
});
