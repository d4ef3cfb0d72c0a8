import { z } from 'zod';
import {
  arbitrationSchema as domainArbitrationSchema,
  cancelCaseSchema as domainCancelCaseSchema,
  carrierScanSchema as domainCarrierScanSchema,
  escalateSchema as domainEscalateSchema,
  inspectionSchema as domainInspectionSchema,
  merchantDecisionSchema as domainMerchantDecisionSchema,
  returnShipmentSchema as domainReturnShipmentSchema,
} from '../../../../libs/domain/src';
import { evidence, identifier, moneyAtLeast, note } from '../common/field-patterns';

// Each body is the domain's command schema (the rules the workflow applies again) extended with the
// HTTP contract's own limits only (caller ids, note length, request size); see field-patterns.

/** Largest number of graded lines one inspection request carries (a request-size limit of the edge). */
const MAX_INSPECTION_LINES = 100;
/** Longest carrier name the edge takes. */
const MAX_CARRIER_NAME = 64;

/** `POST /v1/cases/{id}/decision` (merchant): approve or reject; a refund amount only with APPROVE. */
export const merchantDecisionSchema = domainMerchantDecisionSchema
  .extend({
    decisionId: identifier(),
    note: note().optional(),
    refundAmount: moneyAtLeast(1).optional(),
  })
  .refine((body) => body.refundAmount === undefined || body.decision === 'APPROVE', {
    path: ['refundAmount'],
    message: 'refundAmount goes with APPROVE only',
  });

/** `POST /v1/cases/{id}/cancel` (customer); the body may be empty. */
export const cancelCaseSchema = z.preprocess(
  (body) => (body === undefined || body === null ? {} : body),
  domainCancelCaseSchema.extend({ note: note().optional() }),
);

/** `POST /v1/cases/{id}/return-shipment` (customer, self-ship). */
export const returnShipmentSchema = domainReturnShipmentSchema.extend({
  carrier: domainReturnShipmentSchema.shape.carrier.max(MAX_CARRIER_NAME),
  trackingNumber: identifier(),
});

/** `POST /v1/cases/{id}/escalate` (customer). */
export const escalateSchema = domainEscalateSchema.extend({
  escalationId: identifier(),
  note: note().min(1, 'say why the case is escalated'),
  evidence: evidence().optional(),
});

/** `POST /v1/cases/{id}/arbitration` (ops); a refund amount only in the customer's favour. */
export const arbitrationSchema = domainArbitrationSchema
  .extend({
    rulingId: identifier(),
    refundAmount: moneyAtLeast(1).optional(),
    note: note().min(1, 'a ruling gives its reasons'),
  })
  .refine((body) => body.refundAmount === undefined || body.ruling === 'CUSTOMER_FAVOR', {
    path: ['refundAmount'],
    message: 'refundAmount goes with CUSTOMER_FAVOR only',
  });

const inspectedLine = domainInspectionSchema.shape.items.element.extend({
  sku: identifier(),
  quantity: domainInspectionSchema.shape.items.element.shape.quantity.max(10_000),
  notes: note().optional(),
  lineId: identifier().optional(),
});

/** `POST /v1/cases/{id}/inspection` (warehouse): the grade of each unit received. */
export const inspectionSchema = domainInspectionSchema.extend({
  inspectionId: identifier(),
  warehouseId: identifier(),
  items: z.array(inspectedLine).min(1, 'at least one graded item').max(MAX_INSPECTION_LINES),
});

/** `POST /v1/carrier/events` (carrier): a scan of a return parcel. */
export const carrierEventSchema = domainCarrierScanSchema.extend({
  eventId: identifier(),
  trackingNumber: identifier(),
});

/** A validated merchant decision. */
export type MerchantDecisionBody = z.infer<typeof merchantDecisionSchema>;
/** A validated cancel body. */
export type CancelCaseBody = z.infer<typeof cancelCaseSchema>;
/** A validated return-shipment body. */
export type ReturnShipmentBody = z.infer<typeof returnShipmentSchema>;
/** A validated escalation body. */
export type EscalateBody = z.infer<typeof escalateSchema>;
/** A validated arbitration body. */
export type ArbitrationBody = z.infer<typeof arbitrationSchema>;
/** A validated inspection body. */
export type InspectionBody = z.infer<typeof inspectionSchema>;
/** A validated carrier scan. */
export type CarrierEventBody = z.infer<typeof carrierEventSchema>;
