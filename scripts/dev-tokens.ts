import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken, TokenClaims } from '../apps/api/src/auth/tokens';

/** One ready-to-use identity per role, matching the sample data of API.md. */
export const DEV_IDENTITIES: TokenClaims[] = [
  { sub: 'c-1', role: 'customer', customerId: 'c-1' },
  { sub: 'm-1-agent', role: 'merchant', merchantId: 'm-1' },
  { sub: 'wh-1', role: 'warehouse' },
  { sub: 'carrier-sandbox', role: 'carrier' },
  { sub: 'refund-system', role: 'refund_system' },
  { sub: 'supplier-s-1', role: 'supplier' },
  { sub: 'ops-1', role: 'ops' },
];

/** Signs a token per role for `npm run dev` to print. */
export function devTokens(
  secret: string,
  expiresInSeconds: number,
): Array<{ claims: TokenClaims; token: string }> {
  return DEV_IDENTITIES.map((claims) => ({ claims, token: signToken(secret, claims, expiresInSeconds) }));
}

/** The file the console's sign-in page reads its dev identities from (served beside the built console). */
export const DEV_IDENTITIES_FILE = 'dev-identities.json';

/**
 * Writes the minted dev tokens to `consoleDir/dev-identities.json` for the console's identity picker;
 * only `npm run dev` writes it (a build empties the folder), and it is removed when dev stops. The API
 * never mints tokens for the console.
 */
export function writeDevIdentities(
  consoleDir: string,
  tokens: Array<{ claims: TokenClaims; token: string }>,
): string {
  const file = join(consoleDir, DEV_IDENTITIES_FILE);
  const identities = tokens.map(({ claims, token }) => {
    const { role, ...rest } = claims;
    return { role, claims: rest, token };
  });
  writeFileSync(file, JSON.stringify({ identities }, null, 2));
  return file;
}

/** Removes the dev identities file (when `npm run dev` stops). */
export function removeDevIdentities(consoleDir: string): void {
  rmSync(join(consoleDir, DEV_IDENTITIES_FILE), { force: true });
}
