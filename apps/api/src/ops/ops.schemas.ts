import { z } from 'zod';
import { identifier } from '../common/field-patterns';

/** `GET /v1/ops/metrics/service-quality` query: one merchant, or the totals when omitted. */
export const serviceQualityQuerySchema = z.object({ merchantId: identifier().optional() });

/** A validated service-quality query. */
export type ServiceQualityQuery = z.infer<typeof serviceQualityQuerySchema>;
