import { z } from 'zod';

const duration = () => z.string().nullable().describe('ISO 8601 duration');

/** The answer without a series: the figures over every case so far (one merchant, or all). */
const figuresShape = {
  merchantId: z.string().nullable().describe('The merchant, or null for the totals over every merchant.'),
  casesRequested: z.int(),
  responses: z.int().describe('Cases whose first answer (merchant decision or approval by timeout) came.'),
  averageResponseTimeMs: z.number().nullable(),
  averageResponseTime: duration(),
  approvedByTimeout: z.int(),
  approvedByTimeoutShare: z.number().describe('approvedByTimeout / casesRequested (0 without cases).'),
  autoApprovedAtRequest: z.int(),
  resolvedCases: z.int(),
  averageResolutionTimeMs: z.number().nullable(),
  averageResolutionTime: duration(),
  escalatedCases: z.int(),
  escalationRate: z.number().describe('escalatedCases / casesRequested (0 without cases).'),
  refundsPaid: z.int(),
  refundsPaidLate: z.int(),
};

/** The figures of the cases requested in one bucket, or in the whole range (`totals`). */
const bucketFiguresSchema = z.object({
  start: z.iso.datetime().describe("The bucket's first instant (clipped to `from`)."),
  end: z.iso.datetime().describe('The instant after the bucket (clipped to `to`).'),
  casesRequested: z.int(),
  responses: z.int().describe('Cases answered by the merchant or by the response clock.'),
  responseTime: z.object({
    p50Ms: z.number().nullable(),
    p90Ms: z.number().nullable(),
    maxMs: z.number().nullable(),
    p50: duration(),
    p90: duration(),
    max: duration(),
    histogram: z
      .array(z.object({ upToMs: z.number().nullable(), upTo: duration(), count: z.int() }))
      .describe(
        'Answers per bin of response time: up to 1 h, 4 h, 12 h, 24 h, 48 h, then slower (upTo null).',
      ),
  }),
  approvedByTimeout: z.int(),
  approvedByTimeoutShare: z.number(),
  autoApprovedAtRequest: z.int(),
  escalatedCases: z.int(),
  escalationRate: z.number(),
  resolvedCases: z.int(),
});

/** `GET /v1/ops/metrics/service-quality`: the figures so far, and the series when one was asked for. */
export const serviceQualityAnswerSchema = z.object({
  ...figuresShape,
  series: z
    .object({
      merchantId: z.string().nullable(),
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      bucket: z.enum(['day', 'week']),
      timeZone: z.string().describe("The policy's time zone: where days and weeks (Monday first) start."),
      totals: bucketFiguresSchema,
      buckets: z.array(bucketFiguresSchema),
    })
    .optional()
    .describe(
      'Present when `from`, `to` or `bucket` was given: cases counted in the bucket they were requested in.',
    ),
});

/** The answer of `GET /v1/ops/metrics/service-quality`. */
export type ServiceQualityAnswer = z.infer<typeof serviceQualityAnswerSchema>;
