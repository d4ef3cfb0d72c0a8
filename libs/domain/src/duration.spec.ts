import { DurationError, addDuration, isIsoDuration, parseIsoDuration, tryParseIsoDuration } from './duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('ISO 8601 durations of every supported unit', () => {
  it.each([
    ['P12W', 12 * 7 * DAY],
    ['P10D', 10 * DAY],
    ['P2W3D', 17 * DAY],
    ['PT12H', 12 * HOUR],
    ['PT90M', 90 * 60_000],
    ['PT45S', 45_000],
    ['PT1.25S', 1250],
    ['PT0,5S', 500],
    ['PT0.001S', 1],
    ['P1W2DT3H4M5.5S', 9 * DAY + 3 * HOUR + 4 * 60_000 + 5500],
    ['PT0S', 0],
  ])('reads %s as %i ms', (text, expected) => {
    expect(tryParseIsoDuration(text)).toBe(expected);
    expect(parseIsoDuration(text)).toBe(expected);
    expect(isIsoDuration(text)).toBe(true);
  });

  it.each([
    ['a lower-case designator', 'pt3s'],
    ['text before it', 'xPT3S'],
    ['text after it', 'PT3Sx'],
    ['a letter as a number', 'PTxS'],
    ['units out of order', 'PT3S1M'],
    ['four decimals of a second', 'PT0.0001S'],
    ['a fraction of an hour', 'PT1.5H'],
    ['hours without the T', 'P3H'],
    ['a length beyond safe integers', 'P9999999999999W'],
  ])('refuses %s (%p)', (_label, text) => {
    expect(tryParseIsoDuration(text)).toBeNull();
    expect(isIsoDuration(text)).toBe(false);
    expect(() => parseIsoDuration(text)).toThrow(DurationError);
  });

  it('refuses a value that is not text, even one that prints as a duration', () => {
    const sneaky = { toString: () => 'PT3S' } as unknown as string;
    expect(tryParseIsoDuration(sneaky)).toBeNull();
  });

  it('names its errors DurationError and keeps them RangeErrors', () => {
    const error = new DurationError('bad');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('DurationError');
  });
});

describe('adding a duration to an instant', () => {
  it('gives the later instant as an ISO 8601 UTC text', () => {
    expect(addDuration(new Date('2026-11-03T15:59:00Z'), 'PT48H')).toBe('2026-11-05T15:59:00.000Z');
    expect(addDuration(new Date('2026-11-03T15:59:00Z'), 'PT0.5S')).toBe('2026-11-03T15:59:00.500Z');
  });
  it('refuses a text that is not a duration', () => {
    expect(() => addDuration(new Date('2026-11-03T15:59:00Z'), 'P1M')).toThrow(DurationError);
  });
});
