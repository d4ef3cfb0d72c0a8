/// <reference types="jest" />
import { AnswerSeries, dayIn, figuresOf, humanDuration } from './service-quality.figures';

const HOUR = 3_600_000;

const bucket = (start: string, p50Ms: number | null) => ({
  start,
  casesRequested: 4,
  approvedByTimeoutShare: 0.25,
  escalationRate: 0.5,
  responseTime: {
    p50Ms,
    p90Ms: p50Ms === null ? null : p50Ms * 2,
    maxMs: p50Ms === null ? null : p50Ms * 3,
    histogram: [
      { upToMs: HOUR, count: 1 },
      { upToMs: null, count: 2 },
    ],
  },
});

describe('the service-quality figures the ops desk draws', () => {
  it('labels each bucket with its first day in the series’ time zone, not in UTC', () => {
    // Midnight in Shanghai is 16:00 UTC the day before.
    expect(dayIn(Date.parse('2026-11-29T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(dayIn(Date.parse('2026-11-29T16:00:00.000Z'), 'UTC')).toBe('2026-11-29');
  });

  it('draws a point per bucket with response times in hours, the totals, and the range’s histogram', () => {
    const series: AnswerSeries = {
      timeZone: 'Asia/Shanghai',
      totals: { ...bucket('2026-11-28T16:00:00.000Z', 5_400_000), casesRequested: 8 },
      buckets: [bucket('2026-11-28T16:00:00.000Z', 5_400_000), bucket('2026-11-29T16:00:00.000Z', null)],
    };
    const figures = figuresOf(series);
    expect(
      figures.points.map((point) => [point.day, point.p50Hours, point.p90Hours, point.maxHours]),
    ).toEqual([
      ['2026-11-29', 1.5, 3, 4.5],
      ['2026-11-30', null, null, null],
    ]);
    expect(figures.points[0]).toMatchObject({
      approvedByTimeoutShare: 0.25,
      escalationRate: 0.5,
      casesRequested: 4,
    });
    expect(figures.totals).toMatchObject({ casesRequested: 8, p50Hours: 1.5 });
    expect(figures.histogram).toEqual([
      { upToMs: HOUR, count: 1 },
      { upToMs: null, count: 2 },
    ]);
  });

  it('says a response time in minutes under an hour, else in hours with one decimal', () => {
    expect(humanDuration(null)).toBeNull();
    expect(humanDuration(12_000)).toEqual({ unit: 'minutes', value: 0 });
    expect(humanDuration(95_000)).toEqual({ unit: 'minutes', value: 2 });
    expect(humanDuration(HOUR - 1)).toEqual({ unit: 'minutes', value: 60 });
    expect(humanDuration(HOUR)).toEqual({ unit: 'hours', value: 1 });
    expect(humanDuration(5_400_000)).toEqual({ unit: 'hours', value: 1.5 });
  });

  it('draws nothing for an answer without a series (an API without the figures over time)', () => {
    expect(figuresOf(undefined)).toEqual({ points: [], totals: null, histogram: [] });
  });
});
