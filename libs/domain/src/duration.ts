/** Thrown when a text is not an ISO 8601 duration this domain supports. */
export class DurationError extends RangeError {
  /** Names the error class. */
  override readonly name = 'DurationError';
}

const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

// Weeks, days, hours, minutes and (possibly fractional) seconds. Years and months are refused on
// purpose: their length depends on the calendar, so a clock of "P1M" would not be a fixed duration.
const DURATION_PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration (`PT3S`, `PT48H`, `P7D`, `P1DT2H`, `P2W`, `PT0.5S`), or null
 * when the text is not one (years and months are not supported: they have no fixed length).
 */
export function tryParseIsoDuration(text: string): number | null {
  if (typeof text !== 'string') return null;
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) return null;
  if (text.includes('T') && [hours, minutes, seconds].every((part) => part === undefined)) return null;
  const whole = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  const secondsMs = seconds === undefined ? 0 : Math.round(Number(seconds.replace(',', '.')) * 1000);
  const total =
    whole(weeks) * MS.week +
    whole(days) * MS.day +
    whole(hours) * MS.hour +
    whole(minutes) * MS.minute +
    secondsMs;
  return Number.isSafeInteger(total) ? total : null;
}

/** Milliseconds of an ISO 8601 duration; throws DurationError when the text is not one. */
export function parseIsoDuration(text: string): number {
  const ms = tryParseIsoDuration(text);
  if (ms === null)
    throw new DurationError(`expected ISO 8601 duration (e.g. PT48H, P7D), got ${JSON.stringify(text)}`);
  return ms;
}

/** Whether the text is a supported ISO 8601 duration. */
export function isIsoDuration(text: string): boolean {
  return tryParseIsoDuration(text) !== null;
}

/** The instant `duration` after `from`, as an ISO 8601 UTC string. */
export function addDuration(from: Date, duration: string): string {
  return new Date(from.getTime() + parseIsoDuration(duration)).toISOString();
}
