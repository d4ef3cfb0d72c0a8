import { DataSource } from 'typeorm';
import { isoDuration } from './service-quality.query';
import { toIsoString, toSafeNumber } from './sql';

/** The buckets of a series: a calendar day, or an ISO week (Monday to Sunday), in the series' time zone. */
export type ServiceQualityBucket = 'day' | 'week';

/**
 * The upper bounds (inclusive) of the response-time histogram, in ms: up to 1 h, 4 h, 12 h, 24 h and
 * 48 h (the usual merchant-response clock), then a last bin of everything slower.
 */
export const RESPONSE_TIME_HISTOGRAM_BOUNDS_MS = [1, 4, 12, 24, 48].map((hours) => hours * 3_600_000);

/** What a series is asked for: `[from, to)`, bucketed in `timeZone`, one merchant or all. */
export interface ServiceQualitySeriesQuery {
  merchantId?: string;
  from: Date;
  to: Date;
  bucket: ServiceQualityBucket;
  /** IANA time zone the buckets start and end in (the policy's). */
  timeZone: string;
}

/** The merchant response times of a bucket's answered cases (merchant answers and approvals by timeout). */
export interface ResponseTimeDistribution {
  p50Ms: number | null;
  p90Ms: number | null;
  maxMs: number | null;
  /** The same as ISO 8601 durations (null when no case of the bucket was answered). */
  p50: string | null;
  p90: string | null;
  max: string | null;
  /** Answers per bin: `upToMs` is the bin's inclusive upper bound, null for the last (open) bin. */
  histogram: Array<{ upToMs: number | null; upTo: string | null; count: number }>;
}

/** The figures of the cases requested within one bucket (or the whole range). */
export interface ServiceQualityBucketFigures {
  /** The bucket's first instant (the range's `from` for the first bucket and the totals). */
  start: string;
  /** The instant after the bucket (the range's `to` for the last bucket and the totals). */
  end: string;
  casesRequested: number;
  /** Cases answered by the merchant or by the response clock (the response-time distribution's cases). */
  responses: number;
  responseTime: ResponseTimeDistribution;
  approvedByTimeout: number;
  /** approvedByTimeout / casesRequested (0 without cases). */
  approvedByTimeoutShare: number;
  autoApprovedAtRequest: number;
  escalatedCases: number;
  /** escalatedCases / casesRequested (0 without cases). */
  escalationRate: number;
  resolvedCases: number;
}

/** Service-quality figures over time, the cases of each bucket counted by when they were requested. */
export interface ServiceQualitySeries {
  merchantId: string | null;
  from: string;
  to: string;
  bucket: ServiceQualityBucket;
  timeZone: string;
  totals: ServiceQualityBucketFigures;
  buckets: ServiceQualityBucketFigures[];
}

interface SeriesRow {
  start_at: Date | string | null;
  end_at: Date | string | null;
  cases_requested: string;
  responses: string;
  p50_ms: string | null;
  p90_ms: string | null;
  max_ms: string | null;
  approved_by_timeout: string;
  auto_approved: string;
  escalated: string;
  resolved: string;
  [bin: `bin_${number}`]: string;
}

const BIN_EDGES = [0, ...RESPONSE_TIME_HISTOGRAM_BOUNDS_MS];

// One count per histogram bin: (previous bound, bound], the first from 0, the last open.
const BIN_COUNTS = BIN_EDGES.map((low, index) => {
  const high = BIN_EDGES[index + 1];
  const lower = index === 0 ? 'c.response_ms >= 0' : `c.response_ms > ${low}`;
  const upper = high === undefined ? '' : ` AND c.response_ms <= ${high}`;
  return `count(*) FILTER (WHERE ${lower}${upper}) AS bin_${index}`;
}).join(',\n    ');

/**
 * Every bucket of the range (empty ones too), each clipped to `[from, to)`, then the totals (the
 * grouping set `()`); the cases by their request time, from the service-quality projection's rows.
 */
const SERIES_SQL = (merchantFilter: string) => `
  WITH local_starts AS (
    SELECT generate_series(
      date_trunc($3, $1::timestamptz AT TIME ZONE $4),
      ($2::timestamptz - interval '1 microsecond') AT TIME ZONE $4,
      ('1 ' || $3)::interval) AS local_start
  ), buckets AS (
    SELECT GREATEST(local_start AT TIME ZONE $4, $1::timestamptz) AS start_at,
      LEAST((local_start + ('1 ' || $3)::interval) AT TIME ZONE $4, $2::timestamptz) AS end_at
    FROM local_starts
  ), cases AS (
    SELECT requested_at, answered_by, escalated, resolved_at,
      CASE WHEN answered_by IN ('MERCHANT', 'TIMEOUT')
        THEN (EXTRACT(EPOCH FROM (responded_at - requested_at)) * 1000)::bigint END AS response_ms
    FROM service_quality_cases
    WHERE requested_at >= $1::timestamptz AND requested_at < $2::timestamptz ${merchantFilter}
  )
  SELECT b.start_at, b.end_at,
    count(c.requested_at) AS cases_requested,
    count(c.response_ms) AS responses,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY c.response_ms) AS p50_ms,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY c.response_ms) AS p90_ms,
    max(c.response_ms) AS max_ms,
    count(*) FILTER (WHERE c.answered_by = 'TIMEOUT') AS approved_by_timeout,
    count(*) FILTER (WHERE c.answered_by = 'AUTO') AS auto_approved,
    count(*) FILTER (WHERE c.escalated) AS escalated,
    count(*) FILTER (WHERE c.resolved_at IS NOT NULL) AS resolved,
    ${BIN_COUNTS}
  FROM buckets b
  LEFT JOIN cases c ON c.requested_at >= b.start_at AND c.requested_at < b.end_at
  GROUP BY GROUPING SETS ((b.start_at, b.end_at), ())
  ORDER BY b.start_at NULLS FIRST`;

/** Reads service-quality figures over time from the projection (as far as its projector has caught up). */
export class ServiceQualitySeriesQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The figures per bucket of `[from, to)` and over the whole range; the caller bounds the range. */
  async series(query: ServiceQualitySeriesQuery): Promise<ServiceQualitySeries> {
    const parameters: unknown[] = [
      query.from.toISOString(),
      query.to.toISOString(),
      query.bucket,
      query.timeZone,
    ];
    if (query.merchantId !== undefined) parameters.push(query.merchantId);
    const rows = await this.dataSource.query<SeriesRow[]>(
      SERIES_SQL(query.merchantId === undefined ? '' : 'AND merchant_id = $5'),
      parameters,
    );
    const [totals, ...buckets] = rows;
    const range = { start: query.from.toISOString(), end: query.to.toISOString() };
    return {
      merchantId: query.merchantId ?? null,
      from: range.start,
      to: range.end,
      bucket: query.bucket,
      timeZone: query.timeZone,
      totals: toBucketFigures(totals, range),
      buckets: buckets.map((row) => toBucketFigures(row, range)),
    };
  }
}

function toBucketFigures(row: SeriesRow, range: { start: string; end: string }): ServiceQualityBucketFigures {
  const n = (value: string | null) => (value === null ? null : toSafeNumber(value));
  const casesRequested = toSafeNumber(row.cases_requested);
  const approvedByTimeout = toSafeNumber(row.approved_by_timeout);
  const escalatedCases = toSafeNumber(row.escalated);
  const [p50Ms, p90Ms, maxMs] = [n(row.p50_ms), n(row.p90_ms), n(row.max_ms)];
  const duration = (ms: number | null) => (ms === null ? null : isoDuration(ms));
  return {
    start: row.start_at === null ? range.start : toIsoString(row.start_at),
    end: row.end_at === null ? range.end : toIsoString(row.end_at),
    casesRequested,
    responses: toSafeNumber(row.responses),
    responseTime: {
      p50Ms,
      p90Ms,
      maxMs,
      p50: duration(p50Ms),
      p90: duration(p90Ms),
      max: duration(maxMs),
      histogram: BIN_EDGES.map((_, index) => {
        const upToMs = RESPONSE_TIME_HISTOGRAM_BOUNDS_MS[index] ?? null;
        return { upToMs, upTo: duration(upToMs), count: toSafeNumber(row[`bin_${index}`]) };
      }),
    },
    approvedByTimeout,
    approvedByTimeoutShare: casesRequested === 0 ? 0 : approvedByTimeout / casesRequested,
    autoApprovedAtRequest: toSafeNumber(row.auto_approved),
    escalatedCases,
    escalationRate: casesRequested === 0 ? 0 : escalatedCases / casesRequested,
    resolvedCases: toSafeNumber(row.resolved),
  };
}
