import { z } from 'zod';
import {
  addressSchema,
  caseItemSchema,
  caseRequestSchema as domainCaseRequestSchema,
  consistencyIssues,
} from '../../../../libs/domain/src';
import { evidence, identifier, moneyAtLeast, note } from '../common/field-patterns';

/** Clock skew tolerated on the caller's timestamps before one counts as "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Longest warranty the edge takes (the domain allows 240 months). */
const MAX_WARRANTY_MONTHS = 120;
/** Most lines one request carries (the domain's own limit, restated because the line is narrowed). */
const MAX_ITEMS = 100;

const caseItem = caseItemSchema.extend({
  sku: identifier(),
  unitPrice: moneyAtLeast(1),
  supplierId: identifier().optional(),
  warrantyMonths: caseItemSchema.shape.warrantyMonths.unwrap().max(MAX_WARRANTY_MONTHS).optional(),
});

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

const caseRequestShape = domainCaseRequestSchema.extend({
  requestId: identifier(),
  orderId: identifier(),
  merchantId: identifier(),
  customerId: identifier(),
  items: z.array(caseItem).min(1, 'at least one item').max(MAX_ITEMS),
  pickupAddress: pickupAddress.optional(),
  evidence: evidence().optional(),
  description: note().optional(),
});

/**
 * `POST /v1/cases` body (API.md): the domain's request schema with the edge's limits, the domain's
 * consistency rules (`consistencyIssues`: one currency, type ⇔ reason ⇔ return method, dates...)
 * and the edge's own rules (no future times, fields that go with one type or method only), so the
 * API refuses in one answer whatever the workflow would refuse. A domain rule's code rides in the
 * issue's `params.code`.
 */
export const caseRequestSchema = caseRequestShape.superRefine((request, context) => {
  const issue = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message });
  const now = Date.now();
  if (Date.parse(request.paidAt) > now + CLOCK_SKEW_MS) issue(['paidAt'], 'paidAt is in the future');
  if (request.deliveredAt !== undefined && Date.parse(request.deliveredAt) > now + CLOCK_SKEW_MS) {
    issue(['deliveredAt'], 'deliveredAt is in the future');
  }
  const priceProtection = request.type === 'PRICE_PROTECTION';
  if (!priceProtection && request.currentUnitPrice !== undefined) {
    issue(['currentUnitPrice'], 'currentUnitPrice is only for PRICE_PROTECTION');
  }
  request.items.forEach((item, index) => {
    if (!priceProtection && item.currentUnitPrice !== undefined) {
      issue(['items', index, 'currentUnitPrice'], 'currentUnitPrice is only for PRICE_PROTECTION');
    }
  });
  if (request.returnMethod !== 'PICKUP' && request.pickupAddress !== undefined) {
    issue(['pickupAddress'], 'pickupAddress is only for PICKUP');
  }
  // The domain's rules need a well-formed request: they run once every field passed.
  if (context.issues.length > 0) return;
  for (const found of consistencyIssues(request)) {
    context.addIssue({
      code: 'custom',
      path:
        found.path === ''
          ? []
          : found.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      message: found.message,
      ...(found.code ? { params: { code: found.code } } : {}),
    });
  }
});

/** A validated `POST /v1/cases` body. */
export type CaseRequestBody = z.infer<typeof caseRequestSchema>;
