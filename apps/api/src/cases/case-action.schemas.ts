import { z } from 'zod';
import { evidence, identifier, money, note, timestamp } from '../common/field-patterns';
import { INSPECTION_GRADES } from './case-enums';

/** `POST /v1/cases/{id}/decision` (merchant): approve or reject; a refund amount only with APPROVE. */
export const merchantDecisionSchema = z
  .object({
    decisionId: identifier(),
    decision: z.enum(['APPROVE', 'REJECT']),
    note: note().optional(),
    refundAmount: money(1).optional(),
  })
  .refine((body) => body.refundAmount === undefined || body.decision === 'APPROVE', {
    path: ['refundAmount'],
    message: 'refundAmount goes with APPROVE only',
  });

/** `POST /v1/cases/{id}/cancel` (customer); the body may be empty. */
export const cancelCaseSchema = z.preprocess(
  (body) => (body === undefined || body === null ? {} : body),
  z.object({ note: note().optional() }),
);

/** `POST /v1/cases/{id}/return-shipment` (customer, self-ship). */
export const returnShipmentSchema = z.object({
  carrier: z.string().min(1).max(64),
  trackingNumber: identifier(),
});

/** `POST /v1/cases/{id}/escalate` (customer). */
export const escalateSchema = z.object({
  escalationId: identifier(),
  note: note().min(1, 'say why the case is escalated'),
  evidence: evidence().optional(),
});

/** `POST /v1/cases/{id}/arbitration` (ops); a refund amount only in the customer's favour. */
export const arbitrationSchema = z
  .object({
    rulingId: identifier(),
    ruling: z.enum(['CUSTOMER_FAVOR', 'MERCHANT_FAVOR']),
    refundAmount: money(1).optional(),
    note: note().min(1, 'a ruling gives its reasons'),
  })
  .refine((body) => body.refundAmount === undefined || body.ruling === 'CUSTOMER_FAVOR', {
    path: ['refundAmount'],
    message: 'refundAmount goes with CUSTOMER_FAVOR only',
  });

/** `POST /v1/cases/{id}/inspection` (warehouse): the grade of each unit received. */
export const inspectionSchema = z.object({
  inspectionId: identifier(),
  warehouseId: identifier(),
  inspector: z.string().min(1).max(200),
  items: z
    .array(
      z.object({
        sku: identifier(),
        quantity: z.int().min(1).max(10_000),
        grade: z.enum(INSPECTION_GRADES),
        notes: note().optional(),
      }),
    )
    .min(1, 'at least one graded item')
    .max(100),
});

/** `POST /v1/carrier/events` (carrier): a scan of a return parcel. */
export const carrierEventSchema = z.object({
  eventId: identifier(),
  trackingNumber: identifier(),
  event: z.enum(['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION']),
  occurredAt: timestamp(),
});

/** Validated bodies of the actions. */
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
