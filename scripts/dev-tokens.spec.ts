import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'jsonwebtoken';
import { DEV_IDENTITIES_FILE, devTokens, removeDevIdentities, writeDevIdentities } from './dev-tokens';

describe("the dev identities of the console's sign-in page", () => {
  it('are the minted tokens of every role, written beside the console and removed when dev stops', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-dev-identities-'));
    try {
      const tokens = devTokens('dev-secret', 3600);
      const file = writeDevIdentities(dir, tokens);
      expect(file).toBe(join(dir, DEV_IDENTITIES_FILE));
      const { identities } = JSON.parse(readFileSync(file, 'utf8')) as {
        identities: Array<{ role: string; claims: Record<string, string>; token: string }>;
      };
      expect(identities.map((identity) => identity.role)).toEqual([
        'customer',
        'merchant',
        'warehouse',
        'carrier',
        'refund_system',
        'supplier',
        'ops',
      ]);
      expect(identities[0].claims).toEqual({ sub: 'c-1', customerId: 'c-1' });
      for (const identity of identities) {
        expect(verify(identity.token, 'dev-secret', { algorithms: ['HS256'] })).toMatchObject({
          role: identity.role,
          ...identity.claims,
        });
      }
      removeDevIdentities(dir);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
