import { z } from 'zod';
import { identifier } from '../common/field-patterns';
import { CASE_STATUSES, CASE_TYPES } from '../../../../libs/domain/src';
import { CASE_LIST_SORTS } from '../../../../libs/persistence/src';

/** `GET /v1/cases` query: filters (AND), the order (`sort`, `order`), page size and the previous page's `nextCursor`. */
export const caseListQuerySchema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  merchantId: identifier().optional(),
  customerId: identifier().optional(),
  type: z.enum(CASE_TYPES).optional(),
  sort: z.enum(CASE_LIST_SORTS, { error: `sort must be one of ${CASE_LIST_SORTS.join(', ')}` }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'an integer from 1 to 100')
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional(),
  cursor: z.string().min(1).max(512).optional(),
});

/** A validated `GET /v1/cases` query. */
export type CaseListQueryParams = z.infer<typeof caseListQuerySchema>;
