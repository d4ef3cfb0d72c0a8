import { HttpStatus } from '@nestjs/common';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from './api-error';

/** The owners a case view names. */
export interface CaseOwners {
  readonly customerId: string;
  readonly merchantId: string;
}

/** 403 because the caller does not own the resource. */
export function forbiddenOwner(message: string): ApiError {
  return new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN_OWNER', message);
}

/**
 * API.md's ownership rule: a customer acts on their own cases only, a merchant on cases of their
 * `merchantId` only; every other role that passed the route's role check is not tied to an owner.
 */
export function assertCaseOwner(caller: TokenClaims, owners: CaseOwners): void {
  if (caller.role === 'customer' && (!caller.customerId || owners.customerId !== caller.customerId)) {
    throw forbiddenOwner('this case belongs to another customer');
  }
  if (caller.role === 'merchant' && (!caller.merchantId || owners.merchantId !== caller.merchantId)) {
    throw forbiddenOwner('this case belongs to another merchant');
  }
}
