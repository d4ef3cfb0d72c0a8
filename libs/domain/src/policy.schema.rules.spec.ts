import { PolicyValidationError } from './case.errors';
import { DEFAULT_POLICY, DEFAULT_POLICY_FILE } from './policy.default';
import { ADDED_PROFILE_FIELD_DEFAULTS, parsePolicy, profileFor } from './policy.schema';

type File = { merchants?: Record<string, string>; profiles: Record<string, Record<string, unknown>> };
const fileWith = (change: (file: File) => void): File => {
  const file = JSON.parse(JSON.stringify(DEFAULT_POLICY_FILE)) as File;
  change(file);
  return file;
};
const issuesOf = (input: unknown): readonly { path: string; message: string }[] => {
  try {
    parsePolicy(input);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the policy to be refused');
};

describe('comments in a policy file', () => {
  it('drops keys starting with "..." or "$" at any depth and refuses other unknown keys', () => {
    const policy = parsePolicy(
      fileWith((file) => {
        file.profiles.national['...rest'] = 'as written in DOMAIN.md';
        file.profiles.national.$why = 'a note';
        (file.profiles.national.clocks as Record<string, unknown>)['$merchantResponse'] = 'two days';
      }),
    );
    expect(policy.profiles.national.noReasonReturnDays).toBe(7);
    expect(issuesOf(fileWith((file) => (file.profiles.national['rest...'] = 'x')))).toEqual([
      expect.objectContaining({ path: 'profiles.national.rest...' }),
    ]);
  });
});

describe('inheritance between profiles', () => {
  it('keeps the declared parent of a profile and none for the default profile', () => {
    expect(DEFAULT_POLICY.profiles['platform-plus'].extends).toBe('national');
    expect('extends' in DEFAULT_POLICY.profiles.national).toBe(false);
  });

  it('inherits from the default profile when a profile declares no parent', () => {
    const policy = parsePolicy(fileWith((file) => (file.profiles.lean = { wearDeductionPercent: 5 })));
    expect(policy.profiles.lean).toMatchObject({ wearDeductionPercent: 5, noReasonReturnDays: 7 });
    expect('extends' in policy.profiles.lean).toBe(false);
  });

  it('inherits from the declared parent, through a chain', () => {
    const policy = parsePolicy(
      fileWith((file) => (file.profiles.gold = { extends: 'platform-plus', qualityReturnDays: 60 })),
    );
    expect(policy.profiles.gold).toMatchObject({
      extends: 'platform-plus',
      qualityReturnDays: 60,
      noReasonReturnDays: 30,
      qualityExchangeDays: 180,
    });
  });

  it('lets a field set to undefined inherit rather than erase', () => {
    const policy = parsePolicy(
      fileWith((file) => (file.profiles['platform-plus'].noReasonReturnDays = undefined)),
    );
    expect(policy.profiles['platform-plus'].noReasonReturnDays).toBe(7);
  });

  it('merges nested objects field by field', () => {
    const policy = parsePolicy(
      fileWith((file) => (file.profiles['platform-plus'].clocks = { customerShip: 'P10D' })),
    );
    expect(policy.profiles['platform-plus'].clocks).toEqual({
      ...DEFAULT_POLICY.profiles.national.clocks,
      customerShip: 'P10D',
    });
  });

  it('gives the fields this project added their defaults when no profile sets them', () => {
    const policy = parsePolicy(
      fileWith((file) => {
        const national = file.profiles.national;
        delete national.electronicsDefectWindow;
        delete national.maxRepairFailures;
        delete national.autoApprovePriceProtection;
        delete (national.clocks as Record<string, unknown>).repairMaxDuration;
      }),
    );
    expect(policy.profiles.national).toMatchObject({
      electronicsDefectWindow: ADDED_PROFILE_FIELD_DEFAULTS.electronicsDefectWindow,
      maxRepairFailures: 2,
      autoApprovePriceProtection: false,
      clocks: { repairMaxDuration: 'P30D' },
    });
  });

  it('names a parent that does not exist, once, however many profiles inherit through it', () => {
    const issues = issuesOf(
      fileWith((file) => {
        file.profiles.x = { extends: 'missing' };
        file.profiles.y = { extends: 'x' };
      }),
    );
    expect(issues.filter((issue) => issue.path === 'profiles.x.extends')).toHaveLength(1);
    expect(issues.every((issue) => issue.message.includes('missing'))).toBe(true);
  });

  it('says a field is required when neither the profile nor its parents set it', () => {
    const issues = issuesOf(fileWith((file) => delete file.profiles.national.qualityReturnDays));
    expect(issues).toContainEqual({
      path: 'profiles.national.qualityReturnDays',
      message: expect.stringContaining('required'),
    });
  });

  it('says what is wrong with a value that is present', () => {
    const issues = issuesOf(fileWith((file) => (file.profiles.national.qualityReturnDays = -1)));
    expect(issues).toContainEqual({
      path: 'profiles.national.qualityReturnDays',
      message: expect.not.stringContaining('required'),
    });
  });
});

describe('merchants and their profiles', () => {
  it('lists no merchants when the file has none', () => {
    const policy = parsePolicy(fileWith((file) => delete file.merchants));
    expect(policy.merchants).toEqual({});
    expect(profileFor(policy, 'm-jd-style').name).toBe('national');
  });

  it('gives a merchant id that is an object property name the default profile', () => {
    expect(profileFor(DEFAULT_POLICY, 'toString').name).toBe('national');
    expect(profileFor(DEFAULT_POLICY, 'toString').profile).toBe(DEFAULT_POLICY.profiles.national);
  });

  it('reports every bad merchant and a bad default profile together', () => {
    const issues = issuesOf({
      ...fileWith((file) => (file.merchants = { a: 'gold', b: 'silver' })),
      defaultProfile: 'none',
    });
    expect(issues.map((issue) => issue.path)).toEqual(['defaultProfile', 'merchants.a', 'merchants.b']);
  });
});
