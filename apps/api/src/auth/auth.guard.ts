import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { RuntimeConfig } from '../../../../libs/config/src';
import { ApiError } from '../common/api-error';
import { RUNTIME_CONFIG } from '../common/tokens';
import { Role, ROLES, TokenClaims } from './tokens';

const ROLES_KEY = 'aftersales:roles';
const PUBLIC_KEY = 'aftersales:public';

/** Restricts a route to callers with one of `roles`. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Marks a route as open without a token (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The request after authentication: the verified claims ride along. */
export type AuthenticatedRequest = Request & { caller: TokenClaims };

/**
 * Checks the bearer token (HS256 signature with AUTH_JWT_SECRET, expiry, a known role) and the route's
 * roles: 401 without a valid token, 403 for a role that may not call the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly secret: string;

  constructor(
    private readonly reflector: Reflector,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    if (!config.authJwtSecret) throw new Error('AUTH_JWT_SECRET is required to serve the API');
    this.secret = config.authJwtSecret;
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.caller = this.verify(request.headers.authorization);
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

  private verify(header: string | undefined): TokenClaims {
    const token = header?.match(/^Bearer (\S+)$/i)?.[1];
    if (!token) throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'a bearer token is required');
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
    } catch (error) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        `invalid token: ${(error as Error).message}`,
      );
    }
    if (
      typeof claims === 'string' ||
      typeof claims.sub !== 'string' ||
      !ROLES.includes(claims.role as Role)
    ) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        'the token needs `sub` and a known `role`',
      );
    }
    if (claims.exp === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'the token needs an expiry (`exp`)');
    }
    return {
      sub: claims.sub,
      role: claims.role as Role,
      ...(typeof claims.customerId === 'string' ? { customerId: claims.customerId } : {}),
      ...(typeof claims.merchantId === 'string' ? { merchantId: claims.merchantId } : {}),
      ...(typeof claims.supplierId === 'string' ? { supplierId: claims.supplierId } : {}),
    };
  }
}
