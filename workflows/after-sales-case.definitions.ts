import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ArbitrationCommand,
  CancelCaseCommand,
  CarrierScanCommand,
  CaseRequest,
  CaseView,
  EscalateCommand,
  Money,
  InspectionCommand,
  MerchantDecisionCommand,
  PendingClock,
  Policy,
  ReturnShipmentCommand,
  WarehouseReceiptCommand,
} from '../libs/domain/src';

/** Workflow id of a case: one workflow per case, its single writer. */
export const caseWorkflowId = (caseId: string) => `case-${caseId}`;

/** Workflow type name of the case workflow (clients start it by name). */
export const CASE_WORKFLOW_TYPE = 'afterSalesCaseWorkflow';

/** Who sent an action (from the verified bearer token). */
export interface ActionActor {
  role: string;
  id: string;
}

/** The case view as API.md shows it (rendered by libs/domain's `toCaseView`). */
export type CaseViewPayload = CaseView;

/** Arguments of the case workflow. The policy is resolved once, at request time, and kept for the case's life. */
export interface StartCaseInput {
  caseId: string;
  /** The validated request (the domain validates it again when it records it). */
  request: CaseRequest;
  /** The whole policy (parsed) the case is decided under; the case keeps its profile for life. */
  policy: Policy;
  actor: ActionActor;
  /** The task queue of the refund activities. */
  refundTaskQueue: string;
  /**
   * When the API received the request (ISO 8601): the request is decided at this time, also when a
   * reset decides it again. Absent in inputs from before it, the workflow's start time stands for it.
   */
  requestedAt?: string;
  /**
   * Contract v1.1: every line of the order as the order system reported it at request time. Present,
   * the case holds its lines' allowances (and waits for the `openCase` update's caller); absent (cases
   * started before v1.1), it holds nothing.
   */
  orderLines?: OrderLineFacts[];
  /** Contract v1.1: the fingerprint of the request body, so a repeat with another body is refused. */
  requestFingerprint?: string;
}

/** One order line as the order system reported it (registered before any unit or refund is held on it). */
export interface OrderLineFacts {
  lineId: string;
  sku: string;
  /** Units ordered. */
  quantity: number;
  /** Paid per unit after discounts. */
  unitPaid: Money;
}

/** `POST /v1/cases` v1.1 asks the case it starts (or finds) for its outcome with this. */
export interface OpenCaseInput {
  requestFingerprint: string;
}

/** The case once its request is recorded: whether this call opened it, and its view. */
export interface OpenedCase {
  opened: boolean;
  view: CaseViewPayload;
}

/**
 * The outcome of `POST /v1/cases` v1.1, sent with the workflow's start (update-with-start): answers once
 * the lines' allowances are held and the request is in the log, or rejects with `LINE_ALLOWANCE_EXCEEDED`
 * (the case is not opened), `IDEMPOTENCY_CONFLICT` (another body under the request id) or the domain's code.
 */
export const openCaseUpdate = defineUpdate<OpenedCase, [OpenCaseInput]>('openCase');

/** `POST /v1/cases/{id}/decision`, with the caller. */
export type MerchantDecisionInput = MerchantDecisionCommand & { actor: ActionActor };

/** `POST /v1/cases/{id}/cancel`, with the caller. */
export type CancelCaseInput = CancelCaseCommand & { actor: ActionActor };

/** `POST /v1/cases/{id}/return-shipment`, with the caller. */
export type ReturnShipmentInput = ReturnShipmentCommand & { actor: ActionActor };

/** `POST /v1/cases/{id}/escalate`, with the caller. */
export type EscalateInput = EscalateCommand & { actor: ActionActor };

/** `POST /v1/cases/{id}/arbitration`, with the caller. */
export type ArbitrationInput = ArbitrationCommand & { actor: ActionActor };

/**
 * `POST /v1/carrier/events`, routed to the case holding the tracking number, with the caller and
 * `receivedAt`, when the API received it (the workflow's clock stands for it when absent).
 */
export type CarrierScanInput = CarrierScanCommand & { actor: ActionActor };

/** `POST /v1/warehouse/receipts`, routed to the open case holding the tracking number, with the caller. */
export type WarehouseReceiptInput = WarehouseReceiptCommand & { actor: ActionActor };

/** `POST /v1/cases/{id}/inspection`, with the caller. */
export type InspectionInput = InspectionCommand & { actor: ActionActor };

/**
 * Rejections of the action updates are ApplicationFailures whose `type` is the domain error code
 * (`NOT_ALLOWED_IN_STATE`, `VALIDATION_FAILED`, `OUT_OF_WINDOW`, `AMOUNT_EXCEEDS_PAID`, ...) and whose
 * first detail is `{ currentStatus, details? }`; the API maps them to 409 or 400.
 */
export interface ActionRejectionDetails {
  currentStatus: string;
  details?: unknown[];
}

/** Merchant approves or rejects (also answers an escalation). */
export const merchantDecisionUpdate = defineUpdate<CaseViewPayload, [MerchantDecisionInput]>(
  'merchantDecision',
);
/** Customer cancels before the return is picked up or shipped. */
export const cancelCaseUpdate = defineUpdate<CaseViewPayload, [CancelCaseInput]>('cancelCase');
/** Customer registers a self-shipped return. */
export const returnShipmentUpdate = defineUpdate<CaseViewPayload, [ReturnShipmentInput]>('returnShipment');
/** Customer escalates a rejection (or a refused inspection result) to the platform. */
export const escalateUpdate = defineUpdate<CaseViewPayload, [EscalateInput]>('escalate');
/** Ops rule on an escalated case. */
export const arbitrationUpdate = defineUpdate<CaseViewPayload, [ArbitrationInput]>('arbitration');
/** A carrier scan of the return parcel. */
export const carrierScanUpdate = defineUpdate<CaseViewPayload, [CarrierScanInput]>('carrierScan');
/** The warehouse received the return parcel at its dock: the case goes to inspection. */
export const warehouseReceiptUpdate = defineUpdate<CaseViewPayload, [WarehouseReceiptInput]>(
  'warehouseReceipt',
);
/** The warehouse's receipt and per-unit inspection result. */
export const inspectionUpdate = defineUpdate<CaseViewPayload, [InspectionInput]>('inspection');

/** An ops action recorded in the case's log (after a reset or a replay, or a note). */
export interface OpsActionInput {
  action: 'RESET' | 'REPLAY' | 'CLEAR_FLAGS' | 'NOTE';
  reason: string;
  actor: ActionActor;
}
/** Ops record an action on the case in its log. */
export const opsActionUpdate = defineUpdate<CaseViewPayload, [OpsActionInput]>('opsAction');

/** Ops ask for a refund the refund system refused for good to be tried again (same idempotency key). */
export interface RetryRefundInput {
  refundId: string;
  reason: string;
  actor: ActionActor;
}
/** Ops retry a failed refund. */
export const retryRefundUpdate = defineUpdate<CaseViewPayload, [RetryRefundInput]>('retryRefund');

/** `POST /v1/ops/cases/{id}/steps/{stepKey}/retry`: runs a step listed in `needsAttention` again. */
export interface RetryStepInput {
  stepKey: string;
  reason: string;
  actor: ActionActor;
}
/** Ops run a refused step again (same idempotency key); not listed → NOT_ALLOWED_IN_STATE. */
export const retryStepUpdate = defineUpdate<CaseViewPayload, [RetryStepInput]>('retryStep');

/** `POST /v1/ops/cases/{id}/steps/{stepKey}/resolve`: the step's effect happened outside, or is not needed. */
export interface ResolveStepInput {
  stepKey: string;
  outcome: 'DONE' | 'SKIPPED';
  externalRef?: string;
  note: string;
  actor: ActionActor;
}
/** Ops resolve a refused step by hand; not listed → NOT_ALLOWED_IN_STATE. */
export const resolveStepUpdate = defineUpdate<CaseViewPayload, [ResolveStepInput]>('resolveStep');

/** The case view as the workflow holds it now. */
export const caseViewQuery = defineQuery<CaseViewPayload>('caseView');
/** The clocks running for the case. */
export const pendingDeadlinesQuery = defineQuery<PendingClock[]>('pendingDeadlines');

/** Where a supplier return of the case stands, as the supplier's batching workflow reports it. */
export interface SupplierReturnUpdate {
  batchId: string;
  status: 'SHIPPED' | 'CREDITED';
  creditNoteId?: string;
}

/** The supplier-return workflow tells the case when its units ship and when the credit note arrives. */
export const supplierReturnUpdateSignal = defineSignal<[SupplierReturnUpdate]>('supplierReturnUpdate');
