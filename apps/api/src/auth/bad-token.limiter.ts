const WINDOW_MS = 60_000;
/** Above this many tracked addresses, windows that have ended are dropped (bounded memory). */
const PRUNE_ABOVE = 10_000;

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Counts requests with a bad token per client address in one-minute windows: past `limitPerMinute`
 * the address is refused (429) before its tokens are verified. A limit of 0 turns it off.
 */
export class BadTokenLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfterSeconds(address: string): number {
    if (this.limitPerMinute === 0) return 0;
    const window = this.current(address);
    if (!window || window.failures < this.limitPerMinute) return 0;
    return Math.ceil((window.startedAt + WINDOW_MS - this.now()) / 1000);
  }

  /** Counts one request with a bad token from `address`. */
  recordFailure(address: string): void {
    if (this.limitPerMinute === 0) return;
    const window = this.current(address);
    if (window) window.failures += 1;
    else {
      if (this.windows.size >= PRUNE_ABOVE) this.prune();
      this.windows.set(address, { startedAt: this.now(), failures: 1 });
    }
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && this.now() - window.startedAt < WINDOW_MS) return window;
    this.windows.delete(address);
    return undefined;
  }

  private prune(): void {
    for (const address of [...this.windows.keys()]) this.current(address);
  }
}
