import { dayWindowEnd, endOfLocalDay, localDateOf, monthWindowEnd, startOfLocalDay } from './calendar';
import { isIsoDuration, parseIsoDuration, tryParseIsoDuration } from './duration';
import { MoneyError, addMoney, money, multiplyMoney, percentOfFloor, subtractMoney } from './money';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT3S', 3000],
    ['PT48H', 48 * 3_600_000],
    ['P7D', 7 * 86_400_000],
    ['P1DT2H', 26 * 3_600_000],
    ['PT1M30S', 90_000],
    ['P2W', 14 * 86_400_000],
    ['PT0.5S', 500],
  ])('reads %s as %i ms', (text, expected) => {
    expect(parseIsoDuration(text)).toBe(expected);
  });
  it.each(['', 'P', 'PT', '48h', 'P1M', 'P1Y', 'PT-1S', 'P1DT'])('refuses %p', (text) => {
    expect(tryParseIsoDuration(text)).toBeNull();
    expect(isIsoDuration(text)).toBe(false);
    expect(() => parseIsoDuration(text)).toThrow('expected ISO 8601 duration');
  });
});

describe('calendar days in a time zone', () => {
  it('reads the local date of an instant in Asia/Shanghai', () => {
    expect(localDateOf(new Date('2026-11-03T15:59:59Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 3,
    });
    expect(localDateOf(new Date('2026-11-03T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 4,
    });
  });
  it('finds local midnight in Asia/Shanghai and across a DST change in Europe/Berlin', () => {
    expect(startOfLocalDay({ year: 2026, month: 11, day: 4 }, 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-03T16:00:00.000Z',
    );
    expect(endOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T21:59:59.999Z',
    );
    expect(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });
  it('ends a 7-day window delivered at 23:59 local at 23:59:59.999 on the 7th following local day', () => {
    expect(dayWindowEnd(new Date('2026-11-03T15:59:00Z'), 7, 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-10T15:59:59.999Z',
    );
  });
  it('offers no window of 0 days', () => {
    expect(dayWindowEnd(new Date('2026-11-03T15:59:00Z'), 0, 'Asia/Shanghai')).toBeNull();
  });
  it('clamps a month window to the end of a shorter month', () => {
    expect(monthWindowEnd(new Date('2026-01-31T04:00:00Z'), 1, 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-02-28T15:59:59.999Z',
    );
  });
});

describe('money', () => {
  it('refuses floats, negatives and mixed currencies', () => {
    expect(() => money(1.5)).toThrow(MoneyError);
    expect(() => money(-1)).toThrow(MoneyError);
    expect(() => addMoney(money(1, 'CNY'), money(1, 'USD'))).toThrow('mix currencies');
    expect(() => subtractMoney(money(1), money(2))).toThrow(MoneyError);
    expect(() => multiplyMoney(money(1), 0.5)).toThrow(MoneyError);
  });
  it('rounds a percentage down, in the customer favour when it is a deduction', () => {
    expect(percentOfFloor(money(12999), 10)).toEqual(money(1299));
    expect(percentOfFloor(money(9), 10)).toEqual(money(0));
  });
});
