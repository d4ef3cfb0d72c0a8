import { HttpStatus } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { ConfigError, RuntimeConfig } from '../../../../libs/config/src';
import { ApiError } from '../common/api-error';
import { Role, ROLES, TokenClaims } from './tokens';

/** The algorithms of an identity provider's keys (AUTH_JWKS_URL). */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

const unauthenticated = (message: string) =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message);

/**
 * Verifies bearer tokens: HS256 with AUTH_JWT_SECRET and/or RS256/ES256 with the keys at AUTH_JWKS_URL
 * (fetched and cached by jose), then AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when set, an expiry and our claims.
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: RuntimeConfig) {
    if (!config.authJwtSecret && !config.authJwksUrl) {
      throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URL is required to serve the API');
    }
    if (config.authJwtSecret) this.secret = new TextEncoder().encode(config.authJwtSecret);
    if (config.authJwksUrl) this.jwks = createRemoteJWKSet(new URL(config.authJwksUrl));
  }

  /** The caller's claims; throws a 401 {@link ApiError} naming what is wrong with the token. */
  async verify(token: string): Promise<TokenClaims> {
    const payload = await this.verifySignature(token);
    return claimsOf(payload);
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    const options = {
      issuer: this.config.authJwtIssuer,
      audience: this.config.authJwtAudience,
      requiredClaims: ['exp'],
    };
    try {
      const hs256 = isHs256(token);
      if (hs256 && this.secret) {
        return (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      }
      if (!hs256 && this.jwks) {
        return (await jwtVerify(token, this.jwks, { ...options, algorithms: JWKS_ALGORITHMS })).payload;
      }
      throw unauthenticated('invalid token: its algorithm is not accepted here');
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw unauthenticated('the token needs an expiry (`exp`)');
      }
      throw unauthenticated(`invalid token: ${(error as Error).message}`);
    }
  }
}

/** Whether the token's header names HS256 (a malformed header is left to jwtVerify to refuse). */
function isHs256(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      alg?: unknown;
    };
    return header.alg === 'HS256';
  } catch {
    return false;
  }
}

function claimsOf(payload: JWTPayload): TokenClaims {
  if (typeof payload.sub !== 'string' || !ROLES.includes(payload.role as Role)) {
    throw unauthenticated('the token needs `sub` and a known `role`');
  }
  const text = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
  const customerId = text('customerId');
  const merchantId = text('merchantId');
  const supplierId = text('supplierId');
  return {
    sub: payload.sub,
    role: payload.role as Role,
    ...(customerId !== undefined ? { customerId } : {}),
    ...(merchantId !== undefined ? { merchantId } : {}),
    ...(supplierId !== undefined ? { supplierId } : {}),
  };
}
