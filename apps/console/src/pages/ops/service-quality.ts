import { api, unwrap } from '../../api/client';

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
  casesRequested: number;
  /** Share of the bucket's cases approved because the merchant let the clock run out (0..1). */
  approvedByTimeoutShare: number;
  /** Share of the bucket's cases escalated (0..1). */
  escalationRate: number;
  /** Response time percentiles in hours (null when nobody answered in the bucket). */
  p50Hours: number | null;
  p90Hours: number | null;
  maxHours: number | null;
}

/** One bar of the response-time distribution over the whole range. */
export interface HistogramBar {
  /** The upper bound of the bar in ms, null for the last open one. */
  upToMs: number | null;
  count: number;
}

/** The figures the charts draw. */
export interface QualityFigures {
  points: QualityPoint[];
  histogram: HistogramBar[];
}

interface AnswerBucket {
  start: string;
  casesRequested: number;
  approvedByTimeoutShare: number;
  escalationRate: number;
  responseTime: {
    p50Ms: number | null;
    p90Ms: number | null;
    maxMs: number | null;
    histogram: HistogramBar[];
  };
}

const HOUR_MS = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 100) / 100);

/** The answer's buckets as points, and one histogram summed over every bucket (the bars line up). */
export function figuresOf(buckets: AnswerBucket[]): QualityFigures {
  const histogram = new Map<string, HistogramBar>();
  for (const bucket of buckets) {
    for (const bar of bucket.responseTime.histogram) {
      const key = String(bar.upToMs);
      const seen = histogram.get(key);
      histogram.set(key, { upToMs: bar.upToMs, count: (seen?.count ?? 0) + bar.count });
    }
  }
  return {
    points: buckets.map((bucket) => ({
      start: bucket.start,
      casesRequested: bucket.casesRequested,
      approvedByTimeoutShare: bucket.approvedByTimeoutShare,
      escalationRate: bucket.escalationRate,
      p50Hours: hours(bucket.responseTime.p50Ms),
      p90Hours: hours(bucket.responseTime.p90Ms),
      maxHours: hours(bucket.responseTime.maxMs),
    })),
    histogram: [...histogram.values()],
  };
}

/** `GET /v1/ops/metrics/service-quality?merchantId=&from=&to=&bucket=`: the figures over time. */
export async function fetchQuality(query: QualityQuery): Promise<QualityFigures> {
  const answer = await api.GET('/v1/ops/metrics/service-quality', {
    params: {
      query: {
        ...(query.merchantId.trim() ? { merchantId: query.merchantId.trim() } : {}),
        from: query.from,
        to: query.to,
        bucket: query.bucket,
      },
    },
  });
  const body = unwrap(answer) as unknown as { buckets?: AnswerBucket[] };
  return figuresOf(body.buckets ?? []);
}
