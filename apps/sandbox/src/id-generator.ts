import { RandomSource } from './seeded-random';

/**
 * Makes ids and tracking numbers: deterministic for a given seed and call order, and unique for the
 * life of the process. The counter survives reset on purpose: the API may still hold a tracking
 * number from before a reset, and a reused one would route scans to the wrong case.
 */
export class IdGenerator {
  private counter = 0;
  private readonly runTag: string;

  constructor(random: RandomSource) {
    // Four base-36 characters tell runs apart, so two sandbox processes do not issue the same numbers.
    this.runTag = Math.floor(random() * 36 ** 4)
      .toString(36)
      .toUpperCase()
      .padStart(4, '0');
  }

  /** An id such as `rf-7K2Q-000012`. */
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.runTag}-${String(this.counter).padStart(6, '0')}`;
  }

  /** A tracking number such as `SBX7K2Q00000013`: letters and digits only, as carriers print them. */
  trackingNumber(): string {
    this.counter += 1;
    return `SBX${this.runTag}${String(this.counter).padStart(8, '0')}`;
  }
}
