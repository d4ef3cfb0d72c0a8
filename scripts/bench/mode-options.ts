/** The open-loop mode: steady arrivals at fixed rates for a duration. */
export interface OpenLoopOptions {
  /** Arrival rates given in cases/s (`--rate`). */
  rates: number[];
  /** Fractions of the baseline's burst throughput measured in the same run (`--rate-of-baseline`). */
  fractionsOfBaseline: number[];
  /** Seconds of arrivals per rate (`--duration`). */
  durationS: number;
}

/** The memory-at-scale mode: N cases waiting on clocks, and the bare waiting workflow. */
export interface MemoryOptions {
  /** Ascending counts of waiting cases at which the figures are taken (`--memory`). */
  sizes: number[];
  /** Timed actions at each size (`--memory-actions`). */
  actions: number;
  /** Cases opened at once (`--memory-concurrency`). */
  concurrency: number;
  /** Heap snapshots of the workflow thread at the first size, summarised (`--heap-snapshot`). */
  heapSnapshot: boolean;
}

/** The flags of the modes (value flags, then boolean ones), for the option parser. */
export const MODE_VALUE_FLAGS = [
  'rate',
  'duration',
  'rate-of-baseline',
  'memory',
  'memory-actions',
  'memory-concurrency',
];
export const MODE_BOOLEAN_FLAGS = ['heap-snapshot'];

/** Usage lines of the modes. */
export const MODE_USAGE = `
Open-loop mode (instead of the burst; one worker, dev server unless --temporal):
  --rate LIST          steady arrivals, cases/s (e.g. 2 or 2,4), one case every 1/R s, none waiting
                       for the previous one
  --rate-of-baseline F first the baseline's burst throughput (--cases N), then ours and the baseline at
                       these fractions of it (e.g. 0.5,0.8)
  --duration S         seconds of arrivals per rate (default 60)
Memory-at-scale mode:
  --memory LIST        open cases waiting on the merchant's 48-hour review clock up to each count
                       (ascending, e.g. 1000,5000,10000), then the same counts of a bare waiting
                       workflow; worker RSS, heaps, cached workflows and action p50/p99 at each
  --memory-actions N   timed actions at each count (default 50)
  --memory-concurrency N  cases opened at once (default 8)
  --heap-snapshot      at the first count, heap snapshots of the workflow thread (before and after)
                       summarised by constructor: what a cached workflow holds
A mode rewrites only its own section of the report file; a burst run keeps those sections.`;

type Text = (flag: string) => string | undefined;

/** The open-loop options of the flags, if any was given; throws naming the flag on a bad value. */
export function parseOpenLoop(text: Text): OpenLoopOptions | undefined {
  const rates = numbers(text('rate'), 'rate', 0.01, 1_000);
  const fractions = numbers(text('rate-of-baseline'), 'rate-of-baseline', 0.01, 2);
  if (!rates.length && !fractions.length) {
    if (text('duration') !== undefined) throw new Error('--duration: needs --rate or --rate-of-baseline');
    return undefined;
  }
  const duration = text('duration');
  const durationS = duration === undefined ? 60 : numbers(duration, 'duration', 1, 86_400)[0];
  return { rates, fractionsOfBaseline: fractions, durationS };
}

/** The memory options of the flags, if `--memory` was given. */
export function parseMemory(text: Text, heapSnapshot: boolean): MemoryOptions | undefined {
  const value = text('memory');
  if (value === undefined) {
    for (const flag of ['memory-actions', 'memory-concurrency']) {
      if (text(flag) !== undefined) throw new Error(`--${flag}: needs --memory`);
    }
    if (heapSnapshot) throw new Error('--heap-snapshot: needs --memory');
    return undefined;
  }
  const sizes = numbers(value, 'memory', 1, 100_000);
  if (sizes.some((size) => !Number.isInteger(size))) {
    throw new Error(`--memory: expected whole counts such as "1000,5000,10000", got "${value}"`);
  }
  if (sizes.some((size, i) => i > 0 && size <= sizes[i - 1])) {
    throw new Error(`--memory: the counts must grow, got "${value}"`);
  }
  const whole = (flag: string, fallback: number, max: number) => {
    const raw = text(flag);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
      throw new Error(`--${flag}: expected a whole number from 1 to ${max}, got "${raw}"`);
    }
    return parsed;
  };
  return {
    sizes,
    actions: whole('memory-actions', 50, 10_000),
    concurrency: whole('memory-concurrency', 8, 200),
    heapSnapshot,
  };
}

function numbers(value: string | undefined, flag: string, min: number, max: number): number[] {
  if (value === undefined) return [];
  return value.split(',').map((part) => {
    const parsed = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new Error(`--${flag}: expected numbers from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  });
}
