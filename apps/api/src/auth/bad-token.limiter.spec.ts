import { BadTokenLimiter } from './bad-token.limiter';

describe('BadTokenLimiter', () => {
  it('refuses an address past its limit for the rest of the minute, and no other address', () => {
    let now = 1_000_000;
    const limiter = new BadTokenLimiter(2, () => now);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    now += 15_000;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(45);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 45_000;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('never refuses with a limit of 0', () => {
    const limiter = new BadTokenLimiter(0);
    for (let failure = 0; failure < 5; failure++) limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});
