import { z } from 'zod';
import { addressSchema, CASE_TYPES, REASONS, RETURN_METHODS } from '../../../../libs/domain/src';
import { evidence, identifier, note } from '../common/field-patterns';

/** Most lines one request carries (the domain's own limit on items). */
const MAX_LINES = 100;

/** The contract's address: the domain's fields, a phone number's format, optional parts, extra fields as text. */
const pickupAddress = addressSchema
  .extend({
    phone: z.string().regex(/^\+?[0-9][0-9 -]{4,30}$/, 'a phone number'),
    line2: z.string().max(500).optional(),
    district: z.string().max(200).optional(),
    province: z.string().max(200).optional(),
    postalCode: z.string().max(20).optional(),
  })
  .catchall(z.string().max(500));

/** One line of the order the case is about, and how many of its units. */
const requestLine = z.strictObject({
  lineId: identifier(),
  quantity: z.int().min(1, 'expected a positive whole quantity').max(10_000),
});

const caseRequestShape = z.object({
  requestId: identifier(),
  orderId: identifier(),
  type: z.enum(CASE_TYPES),
  reason: z.enum(REASONS),
  lines: z.array(requestLine).min(1, 'at least one line').max(MAX_LINES),
  returnMethod: z.enum(RETURN_METHODS),
  pickupAddress: pickupAddress.optional(),
  evidence: evidence().optional(),
  description: note().optional(),
});

/** The fields of the v1.1 body; any other is refused by name (`CaseRequestPipe`). */
export const CASE_REQUEST_FIELDS: readonly string[] = Object.keys(caseRequestShape.shape);

/**
 * `POST /v1/cases` body, contract v1.1 (API.md): the order, its lines and what the customer asks. Money,
 * dates, categories, the customer, the merchant and the tier come from the order system, never from the
 * body. The rules that need no order: lines named once, `pickupAddress` only with PICKUP. The domain's
 * own rules run on the request built with the order's facts.
 */
export const caseRequestSchema = caseRequestShape.superRefine((request, context) => {
  const seen = new Set<string>();
  request.lines.forEach((line, index) => {
    if (seen.has(line.lineId)) {
      context.addIssue({ code: 'custom', path: ['lines', index, 'lineId'], message: 'line listed twice' });
    }
    seen.add(line.lineId);
  });
  if (request.returnMethod !== 'PICKUP' && request.pickupAddress !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['pickupAddress'],
      message: 'pickupAddress is only for PICKUP',
    });
  }
});

/** A validated `POST /v1/cases` body. */
export type CaseRequestBody = z.infer<typeof caseRequestSchema>;
