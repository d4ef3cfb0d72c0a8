import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { AuthenticatedRequest } from './auth.guard';

/** Rate limits per authenticated caller (token subject), else per client address; 429 in API.md's shape. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = (request as unknown as AuthenticatedRequest).caller;
    return caller ? `${caller.role}:${caller.sub}` : String(request.ip ?? 'unknown');
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ApiError(
      429,
      'RATE_LIMITED',
      `more than ${detail.limit} requests in ${detail.ttl / 1000} s; retry in ${detail.timeToBlockExpire} s`,
    );
  }
}
