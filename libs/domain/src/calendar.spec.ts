import {
  addDays,
  addMonths,
  dayWindowEnd,
  endOfLocalDay,
  formatLocalDate,
  isValidTimeZone,
  localDateOf,
  monthWindowEnd,
  startOfLocalDay,
} from './calendar';

const date = (year: number, month: number, day: number) => ({ year, month, day });

describe('time zone names', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'UTC'])('knows %s', (timeZone) => {
    expect(isValidTimeZone(timeZone)).toBe(true);
  });
  it.each(['', 'Mars/Olympus_Mons', 'Asia/Shanghai '])('refuses %p', (timeZone) => {
    expect(isValidTimeZone(timeZone)).toBe(false);
  });
  it('refuses a value that is not text, a missing one included (Intl would take the runtime zone)', () => {
    expect(isValidTimeZone(8 as unknown as string)).toBe(false);
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
  });
});

describe('local dates', () => {
  it('reads the local date west of Greenwich, a day behind UTC in the evening', () => {
    expect(localDateOf(new Date('2026-11-04T03:00:00Z'), 'America/New_York')).toEqual(date(2026, 11, 3));
  });

  it('reads the local date at local midnight as the new day', () => {
    expect(localDateOf(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toEqual(date(2027, 1, 1));
    expect(localDateOf(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toEqual(date(2026, 12, 31));
  });

  it('adds days across month and year ends, and goes back with negative days', () => {
    expect(addDays(date(2026, 11, 28), 7)).toEqual(date(2026, 12, 5));
    expect(addDays(date(2026, 12, 30), 3)).toEqual(date(2027, 1, 2));
    expect(addDays(date(2026, 3, 1), -1)).toEqual(date(2026, 2, 28));
    expect(addDays(date(2028, 3, 1), -1)).toEqual(date(2028, 2, 29));
  });

  it('adds months across year ends in both directions', () => {
    expect(addMonths(date(2026, 11, 15), 3)).toEqual(date(2027, 2, 15));
    expect(addMonths(date(2026, 11, 15), 14)).toEqual(date(2028, 1, 15));
    expect(addMonths(date(2026, 1, 15), -1)).toEqual(date(2025, 12, 15));
    expect(addMonths(date(2026, 1, 15), -13)).toEqual(date(2024, 12, 15));
    expect(addMonths(date(2026, 12, 15), 0)).toEqual(date(2026, 12, 15));
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(addMonths(date(2026, 1, 31), 1)).toEqual(date(2026, 2, 28));
    expect(addMonths(date(2027, 1, 31), 13)).toEqual(date(2028, 2, 29));
    expect(addMonths(date(2026, 5, 31), 1)).toEqual(date(2026, 6, 30));
    expect(addMonths(date(2026, 6, 30), 1)).toEqual(date(2026, 7, 30));
  });

  it('formats a local date with zero padding', () => {
    expect(formatLocalDate(date(2026, 3, 9))).toBe('2026-03-09');
    expect(formatLocalDate(date(987, 11, 30))).toBe('0987-11-30');
  });
});

describe('local days as instants', () => {
  it('starts a day at local midnight east and west of Greenwich', () => {
    expect(startOfLocalDay(date(2026, 11, 4), 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-03T16:00:00.000Z',
    );
    expect(startOfLocalDay(date(2026, 11, 4), 'America/New_York').toISOString()).toBe(
      '2026-11-04T05:00:00.000Z',
    );
  });

  it('starts the day when the clocks jump forward at local midnight at the first instant of that day', () => {
    // Asia/Beirut moves from UTC+2 to UTC+3 at 00:00 local on 2026-03-29: the day starts at 01:00 local.
    const start = startOfLocalDay(date(2026, 3, 29), 'Asia/Beirut');
    expect(start.toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(localDateOf(start, 'Asia/Beirut')).toEqual(date(2026, 3, 29));
    expect(localDateOf(new Date(start.getTime() - 1), 'Asia/Beirut')).toEqual(date(2026, 3, 28));
  });

  it.each([
    // America/Havana jumps from UTC-5 to UTC-4 at 00:00 local on 2026-03-08: the day starts at 01:00 local.
    ['America/Havana', date(2026, 3, 8), '2026-03-08T05:00:00.000Z'],
    // America/Santiago jumps from UTC-4 to UTC-3 at 00:00 local on 2026-09-06: the day starts at 01:00 local.
    ['America/Santiago', date(2026, 9, 6), '2026-09-06T04:00:00.000Z'],
    // America/Asuncion jumped from UTC-4 to UTC-3 at 00:00 local on 2017-10-01, a month's first day.
    ['America/Asuncion', date(2017, 10, 1), '2017-10-01T04:00:00.000Z'],
  ])(
    'starts the day in %s west of Greenwich at the jump when local midnight is skipped',
    (timeZone, day, start) => {
      const instant = startOfLocalDay(day, timeZone);
      expect(instant.toISOString()).toBe(start);
      expect(localDateOf(instant, timeZone)).toEqual(day);
      expect(localDateOf(new Date(instant.getTime() - 1), timeZone)).toEqual(addDays(day, -1));
      expect(endOfLocalDay(addDays(day, -1), timeZone).getTime()).toBe(instant.getTime() - 1);
    },
  );

  it('starts a day whose midnight happens twice at the first of them, and one after a fall back at 24:00', () => {
    // America/Havana goes back from 01:00 UTC-4 to 00:00 UTC-5 on 2026-11-01.
    expect(startOfLocalDay(date(2026, 11, 1), 'America/Havana').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    // America/Santiago goes back from 24:00 UTC-3 to 23:00 UTC-4 on 2026-04-04: the 5th starts at 00:00 UTC-4.
    expect(startOfLocalDay(date(2026, 4, 5), 'America/Santiago').toISOString()).toBe(
      '2026-04-05T04:00:00.000Z',
    );
    expect(endOfLocalDay(date(2026, 4, 4), 'America/Santiago').toISOString()).toBe(
      '2026-04-05T03:59:59.999Z',
    );
  });

  it('ends a day of 25 hours when the clocks go back', () => {
    const start = startOfLocalDay(date(2026, 10, 25), 'Europe/Berlin');
    const end = endOfLocalDay(date(2026, 10, 25), 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(end.getTime() - start.getTime() + 1).toBe(25 * 3_600_000);
  });
});

describe('windows', () => {
  const delivered = new Date('2026-11-03T15:59:00Z'); // 23:59 local in Asia/Shanghai

  it('ends a window of one day at the end of the next local day', () => {
    expect(dayWindowEnd(delivered, 1, 'Asia/Shanghai')?.toISOString()).toBe('2026-11-04T15:59:59.999Z');
  });

  it('offers no window of zero or fewer days or months', () => {
    expect(dayWindowEnd(delivered, 0, 'Asia/Shanghai')).toBeNull();
    expect(dayWindowEnd(delivered, -1, 'Asia/Shanghai')).toBeNull();
    expect(monthWindowEnd(delivered, 0, 'Asia/Shanghai')).toBeNull();
    expect(monthWindowEnd(delivered, -1, 'Asia/Shanghai')).toBeNull();
  });

  it('ends a month window at the end of the same local date months later', () => {
    expect(monthWindowEnd(delivered, 1, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-03T15:59:59.999Z');
    expect(monthWindowEnd(delivered, 12, 'Asia/Shanghai')?.toISOString()).toBe('2027-11-03T15:59:59.999Z');
  });
});
