import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RuntimeConfig } from '../../../../libs/config/src';
import { ApiError } from '../common/api-error';
import { RUNTIME_CONFIG } from '../common/tokens';
import { BadTokenLimiter } from './bad-token.limiter';
import { TokenVerifier } from './token-verifier';
import { Role, TokenClaims } from './tokens';

const ROLES_KEY = 'aftersales:roles';
const PUBLIC_KEY = 'aftersales:public';
const PUBLIC_WHEN_KEY = 'aftersales:public-when';

/** Restricts a route to callers with one of `roles`. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Marks a route as open without a token (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Opens a route without a token only when `open(config)` holds (the codec server of `npm run dev`). */
export const PublicWhen = (open: (config: RuntimeConfig) => boolean) => SetMetadata(PUBLIC_WHEN_KEY, open);

/** The request after authentication: the verified claims ride along. */
export type AuthenticatedRequest = Request & { caller: TokenClaims };

/**
 * Checks the bearer token ({@link TokenVerifier}) and the route's roles: 401 without a valid token, 403
 * for a role that may not call the route, 429 for an address past its bad tokens per minute.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;
  private readonly badTokens: BadTokenLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {
    this.verifier = new TokenVerifier(config);
    this.badTokens = new BadTokenLimiter(config.rateLimitBadTokensPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const openWhen = this.reflector.getAllAndOverride<((config: RuntimeConfig) => boolean) | undefined>(
      PUBLIC_WHEN_KEY,
      targets,
    );
    if (openWhen?.(this.config)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.caller = await this.authenticate(request);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.caller.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN_ROLE',
        `role ${request.caller.role} may not do this; allowed: ${roles.join(', ')}`,
      );
    }
    return true;
  }

  /** The caller's claims; an address past its bad tokens is refused before its token is looked at. */
  private async authenticate(request: Request): Promise<TokenClaims> {
    const address = request.ip ?? 'unknown';
    const retryAfter = this.badTokens.retryAfterSeconds(address);
    if (retryAfter > 0) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        `more than ${this.config.rateLimitBadTokensPerMinute} requests with a bad token in 60 s from this address; retry in ${retryAfter} s`,
      );
    }
    const token = request.headers.authorization?.match(/^Bearer (\S+)$/i)?.[1];
    try {
      if (!token) {
        throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'a bearer token is required');
      }
      return await this.verifier.verify(token);
    } catch (error) {
      this.badTokens.recordFailure(address);
      throw error;
    }
  }
}
