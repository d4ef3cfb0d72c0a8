/**
 * Delayed work (async refunds, auto scans, credit notes, hanging responses) goes through one
 * scheduler so that reset and close can cancel all of it: a test must not receive a webhook from
 * the previous test.
 */
export class Scheduler {
  private readonly pending = new Set<NodeJS.Timeout>();

  /** Runs `task` after `delayMs`; errors are logged, never thrown into the event loop. */
  schedule(delayMs: number, task: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => console.error('[sandbox] scheduled task failed', error));
    }, delayMs);
    // The HTTP server keeps a running sandbox alive; pending timers alone must not keep a test process.
    timer.unref();
    this.pending.add(timer);
  }

  /** Resolves after `delayMs` (cancelled timers simply never resolve; their request is being torn down). */
  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.schedule(delayMs, resolve));
  }

  /** Cancels everything still waiting. */
  cancelAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  /** How many tasks are waiting. */
  get size(): number {
    return this.pending.size;
  }
}
