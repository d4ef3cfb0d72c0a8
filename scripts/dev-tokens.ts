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
