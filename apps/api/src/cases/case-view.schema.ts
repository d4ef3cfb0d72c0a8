import { z } from 'zod';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CATEGORIES,
  CLOSED_REASONS,
  DISPOSITIONS,
  GRADES,
  REASONS,
  RETURN_METHODS,
  SETTLEMENT_KINDS,
} from '../../../../libs/domain/src';

// The case view of API.md (libs/domain's CaseView) as the OpenAPI document describes it: what a
// client generated from /docs-json gets as `components['schemas']['CaseView']`. Fields may be added.

const instant = () => z.iso.datetime({ offset: true });
const nullableInstant = () => instant().nullable();

/** Money: integer minor units and an ISO 4217 currency. */
export const moneySchema = z.object({ amount: z.int(), currency: z.string() });

const caseItemSchema = z.object({
  lineId: z.string().optional().describe('The order line (absent in cases requested before contract v1.1).'),
  sku: z.string(),
  quantity: z.int(),
  unitPrice: moneySchema.describe('The unit price the customer paid.'),
  category: z.enum(CATEGORIES),
  supplierId: z.string().optional(),
  warrantyMonths: z.int().optional(),
  portable: z.boolean().optional(),
  currentUnitPrice: moneySchema.optional(),
});

const deadlinesSchema = z
  .object({
    merchantRespondBy: nullableInstant(),
    customerShipBy: nullableInstant(),
    inspectBy: nullableInstant(),
    escalateBy: nullableInstant(),
    merchantAnswerBy: nullableInstant(),
    refundBy: nullableInstant(),
    replacementShipBy: nullableInstant(),
    repairBy: nullableInstant(),
  })
  .describe('The running clocks (null when not running).');

const inspectedItemSchema = z.object({
  sku: z.string(),
  quantity: z.int(),
  grade: z.enum(GRADES),
  disposition: z.enum(DISPOSITIONS),
  lineId: z.string().optional().describe('The case line, when the warehouse named it.'),
  notes: z.string().optional(),
  photos: z.array(z.url()).optional().describe('Photo links of the units (https).'),
});

const refundSchema = z.object({
  refundId: z.string(),
  amount: moneySchema,
  status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']),
  purpose: z.enum(['FAST_REFUND', 'SETTLEMENT']),
});

const resolutionSchema = z.object({
  kind: z.enum(SETTLEMENT_KINDS),
  refunds: z.array(refundSchema),
  entitled: moneySchema.nullable(),
  refundedTotal: moneySchema,
  recoveryDue: moneySchema.nullable(),
  replacement: z
    .object({ status: z.string(), carrier: z.string().nullable(), trackingNumber: z.string().nullable() })
    .nullable(),
  repair: z.object({ status: z.string(), attempts: z.int(), failures: z.int() }).nullable(),
});

const supplierReturnStatus = z.enum(['PENDING', 'SHIPPED', 'CREDITED']);

const flagSchema = z
  .looseObject({
    kind: z.enum(['SLA_BREACHED', 'REFUND_FAILED', 'CARRIER_EXCEPTION', 'RECOVERY_DUE']),
    at: instant(),
  })
  .describe(
    'Why ops should look; each kind carries its own fields (clock, refundId, trackingNumber, amount).',
  );

const stepAttentionSchema = z.object({
  stepKey: z.string(),
  step: z.string().describe("The system step's name, e.g. CALL_REFUND."),
  error: z.object({ code: z.string(), message: z.string(), httpStatus: z.int().optional() }),
  since: instant(),
});

/** The case view (`GET /v1/cases/{caseId}` and every action's answer). */
export const caseViewSchema = z.object({
  caseId: z.string(),
  status: z.enum(CASE_STATUSES),
  type: z.enum(CASE_TYPES),
  reason: z.enum(REASONS),
  orderId: z.string(),
  merchantId: z.string(),
  customerId: z.string(),
  items: z.array(caseItemSchema),
  eligibility: z.object({
    eligible: z.boolean(),
    rule: z.string(),
    policyVersion: z.string(),
    profile: z.string(),
    windowEndsAt: nullableInstant(),
    autoApproved: z.boolean(),
    fastRefundEligible: z.boolean(),
    freightPayer: z.enum(['CUSTOMER', 'MERCHANT', 'NONE']),
  }),
  deadlines: deadlinesSchema,
  returnShipment: z
    .object({
      method: z.enum(RETURN_METHODS),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      status: z.string(),
      bookingId: z.string().nullable(),
    })
    .nullable(),
  inspection: z.object({ inspectionId: z.string(), items: z.array(inspectedItemSchema) }).nullable(),
  resolution: resolutionSchema.nullable(),
  supplierReturn: z.object({ batchId: z.string().nullable(), status: supplierReturnStatus }).nullable(),
  supplierReturns: z.array(
    z.object({ supplierId: z.string(), batchId: z.string().nullable(), status: supplierReturnStatus }),
  ),
  closedReason: z.enum(CLOSED_REASONS).nullable(),
  flags: z.array(flagSchema),
  riskFlags: z.array(z.string()),
  needsAttention: z.array(stepAttentionSchema),
  version: z.int().describe('The number of domain events so far.'),
  createdAt: instant(),
  updatedAt: instant(),
});

/** A page of `GET /v1/cases`. */
export const caseListSchema = z.object({
  items: z.array(caseViewSchema),
  nextCursor: z.string().nullable().describe('Null on the last page; pass it as `cursor` for the next.'),
});

/** `GET /v1/cases/{caseId}/events`: the case's domain event log. */
export const caseEventsSchema = z.object({
  items: z.array(
    z.object({
      seq: z.int().describe('From 1, without gaps.'),
      eventId: z.string(),
      type: z.string(),
      schemaVersion: z.int(),
      occurredAt: instant(),
      actor: z.object({ role: z.string(), id: z.string() }),
      data: z
        .record(z.string(), z.unknown())
        .describe("The event's data; INSPECTION_RECORDED's units carry lineId and photos when given."),
    }),
  ),
});
