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

/** The `iss` and `aud` a signed token carries (the API checks them when AUTH_JWT_ISSUER/AUDIENCE are set). */
export interface TokenAudience {
  issuer?: string;
  audience?: string;
}

/** The issuer and audience the API of this environment checks: AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE. */
export function tokenAudienceFrom(env: NodeJS.ProcessEnv): TokenAudience {
  const value = (name: string) => env[name]?.trim() || undefined;
  return { issuer: value('AUTH_JWT_ISSUER'), audience: value('AUTH_JWT_AUDIENCE') };
}

/**
 * Signs an HS256 bearer token (dev, tests and the sandbox's webhooks use it), with the issuer and audience
 * the API checks: by default those of this process's environment, so that the tokens `npm run dev` gives
 * the sandbox and prints are accepted when AUTH_JWT_ISSUER/AUTH_JWT_AUDIENCE are set.
 */
export function signToken(
  secret: string,
  claims: TokenClaims,
  expiresInSeconds = 12 * 3600,
  { issuer, audience }: TokenAudience = tokenAudienceFrom(process.env),
): string {
  return jwt.sign({ ...claims }, secret, {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
  });
}
