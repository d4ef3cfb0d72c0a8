import jwt from 'jsonwebtoken';

/** The roles of API.md. */
export const ROLES = [
  'customer',
  'merchant',
  'warehouse',
  'carrier',
  'refund_system',
  'supplier',
  'ops',
] as const;

/** A caller's role. */
export type Role = (typeof ROLES)[number];

/** The claims our bearer tokens carry. */
export interface TokenClaims {
  sub: string;
  role: Role;
  customerId?: string;
  merchantId?: string;
  /** A supplier's own id: when present, the supplier acts on its own batches only. */
  supplierId?: string;
}

/** Signs an HS256 bearer token (dev, tests and the sandbox's webhooks use it). */
export function signToken(secret: string, claims: TokenClaims, expiresInSeconds = 12 * 3600): string {
  return jwt.sign({ ...claims }, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}
