import { isoDuration } from './service-quality.query';

describe('isoDuration', () => {
  it('writes hours, minutes and seconds without empty parts', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(250)).toBe('PT0.25S');
    expect(isoDuration(90_000)).toBe('PT1M30S');
    expect(isoDuration(49.5 * 3_600_000)).toBe('PT49H30M');
    expect(isoDuration(48 * 3_600_000)).toBe('PT48H');
  });
});
