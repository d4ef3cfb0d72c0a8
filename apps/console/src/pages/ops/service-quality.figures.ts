import type { components } from '../../api/schema';

type Series = NonNullable<components['schemas']['ServiceQuality']['series']>;
type Bucket = Series['buckets'][number];
type ResponseTime = Bucket['responseTime'];

/** How the figures are grouped in time. */
export type QualityBucket = 'day' | 'week';

/** What the ops desk asks for: one merchant (or all), a range of days and a bucket. */
export interface QualityQuery {
  merchantId: string;
  /** `YYYY-MM-DD`, the first day. */
  from: string;
  /** `YYYY-MM-DD`, the last day (included). */
  to: string;
  bucket: QualityBucket;
}

/** One bucket of time as the charts draw it. */
export interface QualityPoint {
  start: string;
  /** The bucket's first day, `YYYY-MM-DD` in the series' time zone (the x axis). */
  day: string;
  casesRequested: number;
  /** Share of the bucket's cases approved because the merchant let the clock run out (0..1). */
  approvedByTimeoutShare: number;
  /** Share of the bucket's cases escalated (0..1). */
  escalationRate: number;
  /** Response time percentiles in ms and in hours (null when nobody answered in the bucket). */
  p50Ms: number | null;
  p90Ms: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
  maxHours: number | null;
}

/** One bar of the response-time distribution over the whole range (`upToMs` null for the last, open one). */
export type HistogramBar = Pick<ResponseTime['histogram'][number], 'upToMs' | 'count'>;

/** The figures the charts draw: per bucket, and over the whole range (`totals`, null without a series). */
export interface QualityFigures {
  points: QualityPoint[];
  totals: QualityPoint | null;
  histogram: HistogramBar[];
}

/** A bucket of the answer's series, the parts the charts read. */
type AnswerBucket = Pick<Bucket, 'start' | 'casesRequested' | 'approvedByTimeoutShare' | 'escalationRate'> & {
  responseTime: Pick<ResponseTime, 'p50Ms' | 'p90Ms' | 'maxMs'> & { histogram: HistogramBar[] };
};

/** The answer's `series` (present when `from`, `to` or `bucket` was asked for), the parts the charts read. */
export type AnswerSeries = Pick<Series, 'timeZone'> & { totals: AnswerBucket; buckets: AnswerBucket[] };

const HOUR_MS = 3_600_000;

/** A response time for people: whole minutes under an hour, else hours with one decimal; null for none. */
export function humanDuration(ms: number | null): { unit: 'minutes' | 'hours'; value: number } | null {
  if (ms === null) return null;
  if (ms < HOUR_MS) return { unit: 'minutes', value: Math.round(ms / 60_000) };
  return { unit: 'hours', value: Math.round((ms / HOUR_MS) * 10) / 10 };
}

/** `YYYY-MM-DD` of the instant `ms` in `timeZone`. */
export function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 100) / 100);

function pointOf(bucket: AnswerBucket, timeZone: string): QualityPoint {
  return {
    start: bucket.start,
    day: dayIn(Date.parse(bucket.start), timeZone),
    casesRequested: bucket.casesRequested,
    approvedByTimeoutShare: bucket.approvedByTimeoutShare,
    escalationRate: bucket.escalationRate,
    p50Ms: bucket.responseTime.p50Ms,
    p90Ms: bucket.responseTime.p90Ms,
    p50Hours: hours(bucket.responseTime.p50Ms),
    p90Hours: hours(bucket.responseTime.p90Ms),
    maxHours: hours(bucket.responseTime.maxMs),
  };
}

/** The series as the charts draw it: a point per bucket, the totals, and the range's histogram. */
export function figuresOf(series: AnswerSeries | undefined): QualityFigures {
  if (!series) return { points: [], totals: null, histogram: [] };
  return {
    points: series.buckets.map((bucket) => pointOf(bucket, series.timeZone)),
    totals: pointOf(series.totals, series.timeZone),
    histogram: series.totals.responseTime.histogram,
  };
}
