import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { RuntimeConfig } from '../../../../libs/config/src';
import {
  ActorRole,
  CaseRequest,
  decideRequestCase,
  initialCaseState,
  Money,
  Policy,
} from '../../../../libs/domain/src';
import { Order, OrderSystemClient } from '../../../../libs/integrations/src';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  CaseViewPayload,
  openCaseUpdate,
  StartCaseInput,
} from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { RUNTIME_CONFIG } from '../common/tokens';
import {
  assertOrderAccess,
  fetchOrder,
  ORDER_SYSTEM,
  orderSystemError,
} from '../orders/order-system.provider';
import { CASE_POLICY } from '../policy/case-policy.provider';
import { TemporalConnection } from '../temporal/temporal.module';
import { applicationFailureToApiError, domainCodeToApiError } from '../temporal/workflow-failure.mapper';
import { caseIdOfRequest, requestFingerprint } from './case-id';
import { buildCaseRequest } from './case-request.builder';
import type { CaseRequestBody } from './case-request.schema';
import { CaseViewsService } from './case-views.service';

/** Memo key holding the fingerprint of the request a case workflow was started with. */
const REQUEST_FINGERPRINT_MEMO = 'requestFingerprint';

/** How often `POST /v1/cases` asks a running case for its opening's outcome before answering 503. */
const OPEN_ATTEMPTS = 3;

/** The answer to `POST /v1/cases`: whether this call opened the case, and its view. */
export interface CreatedCase {
  created: boolean;
  view: CaseViewPayload;
}

/**
 * Opens cases (contract v1.1): the order comes from the order system, the case workflow is started with
 * an update that answers once the order lines' allowances are held and the request is in the log
 * (update-with-start), or with the refusal (409 `LINE_ALLOWANCE_EXCEEDED`). One workflow per request id:
 * a repeat joins it (200), a repeat with another body is refused (409 `IDEMPOTENCY_CONFLICT`).
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: TemporalConnection,
    private readonly views: CaseViewsService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(CASE_POLICY) private readonly policy: Policy,
    @Inject(ORDER_SYSTEM) private readonly orders: OrderSystemClient,
  ) {}

  /** Opens the case of `body` (or finds it when the request was sent before). */
  async create(caller: TokenClaims, body: CaseRequestBody): Promise<CreatedCase> {
    const order = await fetchOrder(this.orders, body.orderId);
    assertOrderAccess(caller, order);
    const request = await buildCaseRequest(body, order, (sku) => this.currentPrice(sku));
    const caseId = caseIdOfRequest(body.requestId);
    const fingerprint = requestFingerprint(body);
    // The domain decides on the request here first, so a refused one (ineligible, out of window)
    // starts no workflow and holds nothing; the workflow decides again when it records it.
    const decision = decideRequestCase(
      initialCaseState,
      { caseId, request, policy: this.policy },
      { now: new Date(), actor: { role: caller.role as ActorRole, id: caller.sub } },
    );
    if (!decision.ok) {
      const repeated = await this.closedRepeat(caseId, fingerprint, body.requestId);
      if (repeated) return repeated;
      const { code, message, currentStatus, details } = decision.error;
      throw domainCodeToApiError(
        code,
        message,
        currentStatus ?? undefined,
        details ? [...details] : undefined,
      );
    }
    return this.startOrJoin(this.startInput(caller, caseId, request, order, fingerprint), body.requestId);
  }

  private startInput(
    caller: TokenClaims,
    caseId: string,
    request: CaseRequest,
    order: Order,
    fingerprint: string,
  ): StartCaseInput {
    return {
      caseId,
      request,
      policy: this.policy,
      actor: { role: caller.role, id: caller.sub },
      refundTaskQueue: this.config.refundTaskQueue,
      // The service's own clock at receipt decides the request, also when a reset decides it again.
      requestedAt: new Date().toISOString(),
      orderLines: order.lines.map(({ lineId, sku, quantity, unitPaid }) => ({
        lineId,
        sku,
        quantity,
        unitPaid,
      })),
      requestFingerprint: fingerprint,
    };
  }

  /**
   * Starts the case's workflow (or joins the running one) and waits for its opening's outcome. An answer
   * lost on the way (a busy server aborts an update whose workflow task timed out) is asked again while
   * the workflow runs; once it has ended, its end says what happened.
   */
  private async startOrJoin(input: StartCaseInput, requestId: string): Promise<CreatedCase> {
    const fingerprint = input.requestFingerprint as string;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const opened = await this.temporal.client.workflow.executeUpdateWithStart(openCaseUpdate, {
          args: [{ requestFingerprint: fingerprint }],
          startWorkflowOperation: this.startOperation(input),
        });
        return { created: opened.opened, view: opened.view };
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          throw applicationFailureToApiError(error.cause);
        }
        if (attempt < OPEN_ATTEMPTS && (await this.isRunning(input.caseId))) continue;
        const repeated = await this.closedRepeat(input.caseId, fingerprint, requestId);
        if (repeated) return repeated;
        throw error;
      }
    }
  }

  /** The start of the case's workflow, joining it when it runs already (one per call: they are single-use). */
  private startOperation(input: StartCaseInput) {
    return new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.caseId),
      taskQueue: this.config.caseTaskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { [REQUEST_FINGERPRINT_MEMO]: input.requestFingerprint },
    });
  }

  private async isRunning(caseId: string): Promise<boolean> {
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    const description = await handle.describe().catch(() => undefined);
    return description?.status.name === 'RUNNING';
  }

  /**
   * A request sent before (its workflow ended, or its answer was lost): its case (200), unless this body
   * differs from the first (409), or the refusal its workflow ended with, or 503 while it is still being
   * opened; undefined when no workflow of that request id ever ran.
   */
  private async closedRepeat(
    caseId: string,
    fingerprint: string,
    requestId: string,
  ): Promise<CreatedCase | undefined> {
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    const description = await handle.describe().catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    });
    if (!description) return undefined;
    if (description.memo?.[REQUEST_FINGERPRINT_MEMO] !== fingerprint) {
      throw ApiError.conflict(
        'IDEMPOTENCY_CONFLICT',
        `requestId ${requestId} was already used with a different body`,
      );
    }
    if (description.status.name === 'FAILED') {
      const failure = await handle.result().then(
        () => undefined,
        (error: unknown) => (error instanceof WorkflowFailedError ? error.cause : error),
      );
      if (failure instanceof ApplicationFailure && failure.type) throw applicationFailureToApiError(failure);
    }
    const view = await this.views.find(caseId);
    if (view) return { created: false, view };
    throw new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'CASE_NOT_YET_RECORDED',
      `case ${caseId} is ${description.status.name} and not recorded yet; repeat the request with the same requestId`,
    );
  }

  /** The catalogue's current price of `sku` (price protection), or the API's answer why there is none. */
  private async currentPrice(sku: string): Promise<Money> {
    try {
      return (await this.orders.getCurrentPrice(sku)).price;
    } catch (error) {
      throw orderSystemError(error);
    }
  }
}
