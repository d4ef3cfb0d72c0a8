import { z } from 'zod';
import { localDateOf, startOfLocalDay, addDays } from '../../../../libs/domain/src';
import { ServiceQualityBucket } from '../../../../libs/persistence/src';
import { ApiError } from '../common/api-error';
import { identifier } from '../common/field-patterns';

/** Longest range of a service-quality series. */
export const SERIES_MAX_DAYS = 366;
/** The range of a series when `from` is not given: this many days before `to`. */
export const SERIES_DEFAULT_DAYS = 30;

const DAY_MS = 86_400_000;
// Local days of a zone with daylight saving may be an hour longer than 24 h.
const RANGE_SLACK_MS = 3_600_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const instantText = (field: string) =>
  z
    .string()
    .refine((text) => LOCAL_DATE.test(text) || (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))), {
      message: `${field} is a date (YYYY-MM-DD, in the policy's time zone) or an ISO 8601 date-time with an offset`,
    });

/** `GET /v1/ops/metrics/service-quality` query: a merchant (or all), and a series when `from`, `to` or `bucket` is given. */
export const serviceQualityQuerySchema = z.object({
  merchantId: identifier().optional(),
  from: instantText('from').optional(),
  to: instantText('to').optional(),
  bucket: z.enum(['day', 'week'], { error: 'bucket must be day or week' }).optional(),
});

/** A validated service-quality query. */
export type ServiceQualityQuery = z.infer<typeof serviceQualityQuerySchema>;

/** The range and buckets of a series, resolved. */
export interface SeriesRange {
  from: Date;
  to: Date;
  bucket: ServiceQualityBucket;
}

/** A date's first instant in `timeZone` (`from`), or the first instant after it (`to`: the day is included). */
function instantOf(text: string, timeZone: string, end: boolean): Date {
  const date = LOCAL_DATE.exec(text);
  if (!date) return new Date(text);
  const local = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
  // A day like 2026-02-31 is not one: JS would roll it over silently.
  const check = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (check.getUTCMonth() !== local.month - 1 || check.getUTCDate() !== local.day) return new Date(NaN);
  return startOfLocalDay(end ? addDays(local, 1) : local, timeZone);
}

/**
 * The series asked for, or null when none of `from`, `to`, `bucket` is given (today's answer).
 * Defaults: `to` now, `from` {@link SERIES_DEFAULT_DAYS} days before `to` (a local day's start),
 * `bucket` day. 400 naming the field for a date that does not exist, `from` not before `to`, or a
 * range of more than {@link SERIES_MAX_DAYS} days.
 */
export function seriesRange(query: ServiceQualityQuery, timeZone: string, now: Date): SeriesRange | null {
  if (query.from === undefined && query.to === undefined && query.bucket === undefined) return null;
  const to = query.to === undefined ? now : instantOf(query.to, timeZone, true);
  if (Number.isNaN(to.getTime()))
    throw ApiError.validation([{ field: 'to', message: `${query.to} is no date` }]);
  const from =
    query.from === undefined
      ? startOfLocalDay(addDays(localDateOf(to, timeZone), -SERIES_DEFAULT_DAYS), timeZone)
      : instantOf(query.from, timeZone, false);
  if (Number.isNaN(from.getTime())) {
    throw ApiError.validation([{ field: 'from', message: `${query.from} is no date` }]);
  }
  if (from.getTime() >= to.getTime()) {
    throw ApiError.validation([
      { field: 'from', message: `from (${from.toISOString()}) must be before to (${to.toISOString()})` },
    ]);
  }
  if (to.getTime() - from.getTime() > SERIES_MAX_DAYS * DAY_MS + RANGE_SLACK_MS) {
    throw ApiError.validation([
      {
        field: 'to',
        message: `the range from ${from.toISOString()} spans more than ${SERIES_MAX_DAYS} days`,
      },
    ]);
  }
  return { from, to, bucket: query.bucket ?? 'day' };
}
