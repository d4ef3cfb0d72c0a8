import { z } from 'zod';
import { evidence, identifier, money, note, timestamp } from '../common/field-patterns';
import {
  CASE_REASONS,
  CASE_TYPES,
  CUSTOMER_TIERS,
  ITEM_CATEGORIES,
  RETURN_METHODS,
  TYPES_WITH_RETURN_LEG,
} from './case-enums';

/** Clock skew tolerated on the caller's timestamps before one counts as "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

const caseItem = z.object({
  sku: identifier(),
  quantity: z.int().min(1).max(10_000),
  unitPrice: money(1),
  category: z.enum(ITEM_CATEGORIES),
  supplierId: identifier().optional(),
  warrantyMonths: z.int().min(0).max(120).optional(),
  portable: z.boolean().optional(),
  /** Price protection: this item's current unit price (else the request's `currentUnitPrice`). */
  currentUnitPrice: money(0).optional(),
});

const pickupAddress = z
  .object({
    name: z.string().min(1).max(200),
    phone: z.string().regex(/^\+?[0-9][0-9 -]{4,30}$/, 'a phone number'),
    line1: z.string().min(1).max(500),
    city: z.string().min(1).max(200),
    line2: z.string().max(500).optional(),
    district: z.string().max(200).optional(),
    province: z.string().max(200).optional(),
    postalCode: z.string().max(20).optional(),
  })
  .catchall(z.string().max(500));

/**
 * `POST /v1/cases` body (API.md): its shape and the edge's own rules (no future times, one
 * currency, which fields go with which type and return method). The domain's consistency rules
 * run after it (see CaseRequestPipe), so the API refuses whatever the workflow would refuse.
 */
export const caseRequestSchema = z
  .object({
    requestId: identifier(),
    orderId: identifier(),
    merchantId: identifier(),
    customerId: identifier(),
    type: z.enum(CASE_TYPES),
    reason: z.enum(CASE_REASONS),
    items: z.array(caseItem).min(1, 'at least one item').max(100),
    paidAt: timestamp(),
    deliveredAt: timestamp().optional(),
    returnMethod: z.enum(RETURN_METHODS),
    pickupAddress: pickupAddress.optional(),
    shippingInsurance: z.boolean().optional(),
    customerTier: z.enum(CUSTOMER_TIERS).optional(),
    currentUnitPrice: money(0).optional(),
    evidence: evidence().optional(),
    description: note().optional(),
  })
  .superRefine((request, context) => {
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const now = Date.now();
    const paidAt = Date.parse(request.paidAt);
    if (paidAt > now + CLOCK_SKEW_MS) issue(['paidAt'], 'paidAt is in the future');
    if (request.deliveredAt !== undefined) {
      const deliveredAt = Date.parse(request.deliveredAt);
      if (deliveredAt > now + CLOCK_SKEW_MS) issue(['deliveredAt'], 'deliveredAt is in the future');
      if (deliveredAt < paidAt) issue(['deliveredAt'], 'deliveredAt is before paidAt');
    } else if (request.type !== 'PRICE_PROTECTION') {
      issue(['deliveredAt'], `deliveredAt is required for ${request.type}`);
    }

    const currency = request.items[0]?.unitPrice.currency;
    request.items.forEach((item, index) => {
      if (item.unitPrice.currency !== currency) {
        issue(
          ['items', index, 'unitPrice', 'currency'],
          `every amount of a case is in one currency (${currency})`,
        );
      }
    });
    const priceProtection = request.type === 'PRICE_PROTECTION';
    if (!priceProtection && request.currentUnitPrice !== undefined) {
      issue(['currentUnitPrice'], 'currentUnitPrice is only for PRICE_PROTECTION');
    }
    request.items.forEach((item, index) => {
      if (!priceProtection && item.currentUnitPrice !== undefined) {
        issue(['items', index, 'currentUnitPrice'], 'currentUnitPrice is only for PRICE_PROTECTION');
      }
    });

    const needsReturnLeg = TYPES_WITH_RETURN_LEG.includes(request.type);
    if (needsReturnLeg && request.returnMethod === 'NONE') {
      issue(['returnMethod'], `${request.type} ships the goods back: PICKUP or SELF_SHIP`);
    }
    if (!needsReturnLeg && request.returnMethod !== 'NONE') {
      issue(['returnMethod'], `${request.type} ships nothing back: NONE`);
    }
    if (request.returnMethod === 'PICKUP' && request.pickupAddress === undefined) {
      issue(['pickupAddress'], 'pickupAddress is required for PICKUP');
    }
    if (request.returnMethod !== 'PICKUP' && request.pickupAddress !== undefined) {
      issue(['pickupAddress'], 'pickupAddress is only for PICKUP');
    }
  });

/** A validated `POST /v1/cases` body. */
export type CaseRequestBody = z.infer<typeof caseRequestSchema>;
