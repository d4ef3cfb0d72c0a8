/** A calendar date in some time zone (month 1..12). */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// One formatter per time zone: building them is the slow part, and they are deterministic.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter every time gives the same parts.
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA time zone name the runtime knows (e.g. `Asia/Shanghai`). */
export function isValidTimeZone(timeZone: string): boolean {
  // Intl refuses '' and unknown names itself, but takes a missing name for the runtime's own zone.
  if (typeof timeZone !== 'string') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    // Stryker disable next-line ConditionalExpression: a literal part (`/`, `,`) would only add an unread key.
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    // Stryker disable next-line ConditionalExpression,EqualityOperator: h23 gives 0..23 here; runtimes that gave 24 exist.
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The calendar date that `instant` falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

// Offset of the zone from UTC at `epochMs`, a whole second, in ms (positive east of Greenwich).
function offsetAt(epochMs: number, timeZone: string): number {
  const p = localParts(new Date(epochMs), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - epochMs;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The date `months` months after `date`, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const monthIndex = date.month - 1 + months;
  const year = date.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// Clocks jump forward by at most 2 hours (30 or 60 minutes almost everywhere).
const LONGEST_JUMP_MS = 3 * 3_600_000;

// The first whole second on `date` after `before`, an instant of the previous local day less than
// LONGEST_JUMP_MS before it: the instant the clocks jumped past a skipped local midnight.
function firstSecondOn(date: LocalDate, before: number, timeZone: string): number {
  let lo = before;
  let hi = before + LONGEST_JUMP_MS;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (compareLocalDates(localDateOf(new Date(mid), timeZone), date) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The instant local midnight starts `date` in `timeZone` (the first instant of that local day). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day);
  // Guess with the offset at the wall-clock instant, then correct once for a DST change between.
  let guess = wallClock - offsetAt(wallClock, timeZone);
  guess = wallClock - offsetAt(guess, timeZone);
  // Where the clocks jump forward at local midnight (America/Havana, America/Santiago), 00:00 does not
  // exist and the guess falls on the previous day: the day starts at the jump.
  if (compareLocalDates(localDateOf(new Date(guess), timeZone), date) < 0) {
    guess = firstSecondOn(date, guess, timeZone);
  }
  return new Date(guess);
}

/** The last millisecond of `date` in `timeZone` (23:59:59.999 local, or just before the next day starts). */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

/**
 * The last instant of a window of `days` calendar days in `timeZone` counted from the day after
 * `from`: delivered 2026-11-03 23:59 Asia/Shanghai with 7 days → 2026-11-10 23:59:59.999 local.
 * Null when `days` is 0 (the window is not offered).
 */
export function dayWindowEnd(from: Date, days: number, timeZone: string): Date | null {
  if (days <= 0) return null;
  return endOfLocalDay(addDays(localDateOf(from, timeZone), days), timeZone);
}

/** The last instant of a window of `months` months from the local date of `from` (inclusive of that day). */
export function monthWindowEnd(from: Date, months: number, timeZone: string): Date | null {
  if (months <= 0) return null;
  return endOfLocalDay(addMonths(localDateOf(from, timeZone), months), timeZone);
}

/** Formats a local date as `YYYY-MM-DD`. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
