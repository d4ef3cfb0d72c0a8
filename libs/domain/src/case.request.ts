import { z } from 'zod';
import { DomainErrorDetail } from './case.errors';
import {
  CASE_TYPES,
  CATEGORIES,
  CUSTOMER_TIERS,
  CaseRequest,
  REASONS,
  RETURN_METHODS,
  isQualityReason,
} from './case.types';
import { moneySchema } from './policy.schema';
import { lazySchema } from './lazy-schema';

/** An ISO 8601 timestamp with `Z` or an offset. */
export const isoTimestampSchema = lazySchema(() =>
  z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp' }),
);

/** A non-empty identifier or free-text field. */
export const idSchema = lazySchema(() =>
  z.string().trim().min(1, { error: 'expected a non-empty string' }).max(200),
);

/** One item line of a request. */
export const caseItemSchema = lazySchema(() =>
  z.object({
    lineId: idSchema.optional(),
    sku: idSchema,
    quantity: z.int().min(1, { error: 'expected a positive whole quantity' }).max(10_000),
    unitPrice: moneySchema,
    category: z.enum(CATEGORIES),
    supplierId: idSchema.optional(),
    warrantyMonths: z.int().min(0).max(240).optional(),
    portable: z.boolean().optional(),
    currentUnitPrice: moneySchema.optional(),
  }),
);

/** Evidence attached by the customer. */
export const evidenceSchema = lazySchema(() =>
  z.object({
    kind: z.enum(['PHOTO', 'VIDEO', 'DOCUMENT', 'TEXT']),
    url: z.string().min(1).max(2000),
  }),
);

/** A pickup address (extra fields are kept). */
export const addressSchema = lazySchema(() =>
  z.looseObject({
    name: idSchema,
    phone: idSchema,
    line1: idSchema,
    city: idSchema,
  }),
);

/** The shape of a case's request (body and order facts); `validateCaseRequest` adds the cross-field rules. */
export const caseRequestSchema = lazySchema(() =>
  z.object({
    requestId: idSchema,
    orderId: idSchema,
    merchantId: idSchema,
    customerId: idSchema,
    type: z.enum(CASE_TYPES),
    reason: z.enum(REASONS),
    items: z.array(caseItemSchema).min(1, { error: 'expected at least one item' }).max(100),
    paidAt: isoTimestampSchema,
    deliveredAt: isoTimestampSchema.optional(),
    returnMethod: z.enum(RETURN_METHODS),
    pickupAddress: addressSchema.optional(),
    shipTo: addressSchema.optional(),
    shippingInsurance: z.boolean().optional(),
    customerTier: z.enum(CUSTOMER_TIERS).optional(),
    currentUnitPrice: moneySchema.optional(),
    evidence: z.array(evidenceSchema).max(50).optional(),
    description: z.string().max(5000).optional(),
  }),
);

/** Turns zod issues into domain error details with dotted paths. */
export function zodDetails(error: z.ZodError, prefix = ''): DomainErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
}

/** Whether the type ships goods back (RETURN_REFUND, EXCHANGE, REPAIR) or not (REFUND_ONLY, PRICE_PROTECTION). */
export function typeShipsGoodsBack(type: CaseRequest['type']): boolean {
  return type === 'RETURN_REFUND' || type === 'EXCHANGE' || type === 'REPAIR';
}

// One currency for every amount of the case.
function currencyIssues(request: CaseRequest): DomainErrorDetail[] {
  const currency = request.items[0].unitPrice.currency;
  const prices = [
    ...request.items.flatMap((item, index) => [
      { path: `items.${index}.unitPrice.currency`, money: item.unitPrice },
      ...(item.currentUnitPrice
        ? [{ path: `items.${index}.currentUnitPrice.currency`, money: item.currentUnitPrice }]
        : []),
    ]),
    ...(request.currentUnitPrice
      ? [{ path: 'currentUnitPrice.currency', money: request.currentUnitPrice }]
      : []),
  ];
  return prices
    .filter(({ money }) => money.currency !== currency)
    .map(({ path }) => ({
      path,
      message: `every amount of a case must be in ${currency}`,
      code: 'CURRENCY_MISMATCH',
    }));
}

function duplicateSkuIssues(request: CaseRequest): DomainErrorDetail[] {
  const issues: DomainErrorDetail[] = [];
  const skus = new Set<string>();
  request.items.forEach((item, index) => {
    if (skus.has(item.sku))
      issues.push({ path: `items.${index}.sku`, message: 'SKU listed twice', code: 'DUPLICATE_SKU' });
    skus.add(item.sku);
  });
  return issues;
}

// REFUND_ONLY is a fresh-food claim: SPOILED or DAMAGED_IN_TRANSIT, every item FRESH.
function refundOnlyIssues(request: CaseRequest): DomainErrorDetail[] {
  if (request.type !== 'REFUND_ONLY') return [];
  const issues: DomainErrorDetail[] = [];
  if (request.reason !== 'SPOILED' && request.reason !== 'DAMAGED_IN_TRANSIT') {
    issues.push({
      path: 'reason',
      message: 'REFUND_ONLY is a fresh-food claim: SPOILED or DAMAGED_IN_TRANSIT',
      code: 'TYPE_REASON_MISMATCH',
    });
  }
  request.items.forEach((item, index) => {
    if (item.category !== 'FRESH') {
      issues.push({
        path: `items.${index}.category`,
        message: 'REFUND_ONLY is for FRESH items only',
        code: 'TYPE_CATEGORY_MISMATCH',
      });
    }
  });
  return issues;
}

function typeReasonIssues(request: CaseRequest): DomainErrorDetail[] {
  const { type, reason } = request;
  const issues: DomainErrorDetail[] = [];
  if ((type === 'PRICE_PROTECTION') !== (reason === 'PRICE_DROP')) {
    issues.push({
      path: 'reason',
      message: 'PRICE_DROP goes with PRICE_PROTECTION and only with it',
      code: 'TYPE_REASON_MISMATCH',
    });
  }
  issues.push(...refundOnlyIssues(request));
  if (reason === 'SPOILED' && type !== 'REFUND_ONLY') {
    issues.push({ path: 'type', message: 'SPOILED is claimed as REFUND_ONLY', code: 'TYPE_REASON_MISMATCH' });
  }
  if (reason === 'NO_REASON' && type !== 'RETURN_REFUND') {
    issues.push({
      path: 'type',
      message: 'a no-reason request is a RETURN_REFUND',
      code: 'TYPE_REASON_MISMATCH',
    });
  }
  if ((type === 'EXCHANGE' || type === 'REPAIR') && !isQualityReason(reason)) {
    issues.push({ path: 'reason', message: `${type} needs a quality reason`, code: 'TYPE_REASON_MISMATCH' });
  }
  return issues;
}

function returnMethodIssues(request: CaseRequest): DomainErrorDetail[] {
  const { type } = request;
  const issues: DomainErrorDetail[] = [];
  const ships = typeShipsGoodsBack(type);
  if (ships && request.returnMethod === 'NONE') {
    issues.push({
      path: 'returnMethod',
      message: `${type} ships the goods back: PICKUP or SELF_SHIP`,
      code: 'RETURN_METHOD_MISMATCH',
    });
  }
  if (!ships && request.returnMethod !== 'NONE') {
    issues.push({
      path: 'returnMethod',
      message: `${type} ships nothing back: NONE`,
      code: 'RETURN_METHOD_MISMATCH',
    });
  }
  if (request.returnMethod === 'PICKUP' && !request.pickupAddress) {
    issues.push({ path: 'pickupAddress', message: 'a doorstep pickup needs an address', code: 'REQUIRED' });
  }
  return issues;
}

// deliveredAt needed (and not before paidAt) unless price protection; a current price for every item of a price-protection claim.
function timeAndPriceIssues(request: CaseRequest): DomainErrorDetail[] {
  const issues: DomainErrorDetail[] = [];
  if (request.type !== 'PRICE_PROTECTION' && !request.deliveredAt) {
    issues.push({
      path: 'deliveredAt',
      message: 'required: windows count from the delivery',
      code: 'REQUIRED',
    });
  }
  if (request.deliveredAt && Date.parse(request.deliveredAt) < Date.parse(request.paidAt)) {
    issues.push({ path: 'deliveredAt', message: 'cannot be before paidAt', code: 'INCONSISTENT_TIMES' });
  }
  if (request.type === 'PRICE_PROTECTION') {
    request.items.forEach((item, index) => {
      if (!item.currentUnitPrice && !request.currentUnitPrice) {
        issues.push({
          path: `items.${index}.currentUnitPrice`,
          message: 'price protection needs the current unit price',
          code: 'REQUIRED',
        });
      }
    });
  }
  return issues;
}

/**
 * The cross-field rules of a request: one currency; PRICE_PROTECTION ⇔ PRICE_DROP; REFUND_ONLY only
 * for a fresh-food claim (SPOILED or DAMAGED_IN_TRANSIT, every item FRESH); NO_REASON only for
 * RETURN_REFUND; returnMethod NONE exactly when nothing is shipped back; PICKUP needs an address;
 * deliveredAt needed (and not before paidAt) unless price protection; a current price for every item
 * of a price-protection claim; SKUs unique. Returns the failing details (empty when consistent).
 */
export function consistencyIssues(request: CaseRequest): DomainErrorDetail[] {
  return [
    ...currencyIssues(request),
    ...duplicateSkuIssues(request),
    ...typeReasonIssues(request),
    ...returnMethodIssues(request),
    ...timeAndPriceIssues(request),
  ];
}

/** Validates an untrusted request body: the typed request, or the failing fields. */
export function validateCaseRequest(
  input: unknown,
): { ok: true; request: CaseRequest } | { ok: false; details: DomainErrorDetail[] } {
  const parsed = caseRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, details: zodDetails(parsed.error) };
  const request: CaseRequest = parsed.data;
  const issues = consistencyIssues(request);
  return issues.length > 0 ? { ok: false, details: issues } : { ok: true, request };
}
