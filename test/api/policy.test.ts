import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/app.factory';
import { signToken, TokenClaims } from '../../apps/api/src/auth/tokens';
import { policySummarySchema } from '../../apps/api/src/policy/policy.view';
import { loadRuntimeConfig } from '../../libs/config/src';
import { DEFAULT_POLICY_FILE } from '../../libs/domain/src';

// A policy whose profiles differ in their clocks, in a time zone of its own.
const POLICY = {
  ...DEFAULT_POLICY_FILE,
  version: 'policy-endpoint-test',
  timeZone: 'Europe/Berlin',
  merchants: { 'm-plus': 'platform-plus' },
  profiles: {
    ...DEFAULT_POLICY_FILE.profiles,
    'platform-plus': {
      ...DEFAULT_POLICY_FILE.profiles['platform-plus'],
      clocks: { ...DEFAULT_POLICY_FILE.profiles.national.clocks, merchantResponse: 'PT24H' },
    },
  },
};

describe('GET /v1/policy', () => {
  let app: INestApplication;
  let url: string;
  let secret: string;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify(POLICY));
    const config = { ...loadRuntimeConfig(process.env), policyFile: file, rateLimitPerMinute: 0 };
    secret = config.authJwtSecret as string;
    app = await createApiApp(config, ['error']);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = async (claims: TokenClaims | null) => {
    const response = await fetch(`${url}/v1/policy`, {
      headers: claims ? { authorization: `Bearer ${signToken(secret, claims)}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("answers every role the policy's version, time zone and the default profile's clocks", async () => {
    for (const role of ['customer', 'warehouse', 'carrier', 'refund_system', 'supplier', 'ops'] as const) {
      const { status, body } = await get({ sub: `${role}-1`, role, customerId: 'c-1' });
      expect(status).toBe(200);
      const summary = policySummarySchema.strict().parse(body);
      expect(summary).toMatchObject({
        version: 'policy-endpoint-test',
        timeZone: 'Europe/Berlin',
        profile: 'national',
        clocks: { merchantResponse: 'PT48H', customerShip: 'P7D', warehouseInspect: 'P10D' },
      });
      expect(summary.profiles['platform-plus'].clocks.merchantResponse).toBe('PT24H');
    }
  });

  it('gives a merchant the clocks of its own profile and never the merchant-to-profile table', async () => {
    const { status, body } = await get({ sub: 'agent', role: 'merchant', merchantId: 'm-plus' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ profile: 'platform-plus', clocks: { merchantResponse: 'PT24H' } });
    expect(body).not.toHaveProperty('merchants');
    const other = await get({ sub: 'agent', role: 'merchant', merchantId: 'm-national' });
    expect(other.body).toMatchObject({ profile: 'national', clocks: { merchantResponse: 'PT48H' } });
  });

  it('refuses a caller without a token (401)', async () => {
    const { status, body } = await get(null);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
