import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  ActionActor,
  arbitrationUpdate,
  cancelCaseUpdate,
  carrierScanUpdate,
  caseWorkflowId,
  CaseViewPayload,
  escalateUpdate,
  inspectionUpdate,
  merchantDecisionUpdate,
  returnShipmentUpdate,
} from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { assertCaseOwner } from '../common/case-access';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';
import type {
  ArbitrationBody,
  CancelCaseBody,
  CarrierEventBody,
  EscalateBody,
  InspectionBody,
  MerchantDecisionBody,
  ReturnShipmentBody,
} from './case-action.schemas';
import { CaseViewsService } from './case-views.service';

/**
 * Sends the actions of API.md to the case's workflow as Temporal updates: the workflow validates
 * them synchronously (a wrong state is a 409 at once) and answers with the case view. The caller's
 * own id (`decisionId`, ...) rides along for the workflow's idempotency and also names the update,
 * so a repeat while the first is in flight joins it instead of running twice.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly temporal: TemporalConnection,
    private readonly views: CaseViewsService,
  ) {}

  /** Merchant approves or rejects (also answers an escalation). */
  decide(caller: TokenClaims, caseId: string, body: MerchantDecisionBody): Promise<CaseViewPayload> {
    return this.send(caller, caseId, merchantDecisionUpdate, `decision:${body.decisionId}`, (actor) => ({
      actor,
      ...body,
    }));
  }

  /** Customer cancels. */
  cancel(caller: TokenClaims, caseId: string, body: CancelCaseBody): Promise<CaseViewPayload> {
    return this.send(caller, caseId, cancelCaseUpdate, undefined, (actor) => ({ actor, ...body }));
  }

  /** Customer registers a self-shipped return. */
  returnShipment(caller: TokenClaims, caseId: string, body: ReturnShipmentBody): Promise<CaseViewPayload> {
    return this.send(
      caller,
      caseId,
      returnShipmentUpdate,
      `return-shipment:${body.trackingNumber}`,
      (actor) => ({
        actor,
        ...body,
      }),
    );
  }

  /** Customer escalates. */
  escalate(caller: TokenClaims, caseId: string, body: EscalateBody): Promise<CaseViewPayload> {
    return this.send(caller, caseId, escalateUpdate, `escalation:${body.escalationId}`, (actor) => ({
      actor,
      ...body,
    }));
  }

  /** Ops rule on an arbitration. */
  arbitrate(caller: TokenClaims, caseId: string, body: ArbitrationBody): Promise<CaseViewPayload> {
    return this.send(caller, caseId, arbitrationUpdate, `ruling:${body.rulingId}`, (actor) => ({
      actor,
      ...body,
    }));
  }

  /** The warehouse records the inspection. */
  inspect(caller: TokenClaims, caseId: string, body: InspectionBody): Promise<CaseViewPayload> {
    return this.send(caller, caseId, inspectionUpdate, `inspection:${body.inspectionId}`, (actor) => ({
      actor,
      ...body,
    }));
  }

  /** A carrier scan, routed to the case whose return shipment has the tracking number (404 when none). */
  async carrierScan(caller: TokenClaims, body: CarrierEventBody): Promise<CaseViewPayload> {
    const caseId = await this.views.caseIdOfTrackingNumber(body.trackingNumber);
    if (!caseId) throw ApiError.notFound(`shipment with tracking number ${body.trackingNumber}`);
    return this.send(caller, caseId, carrierScanUpdate, `carrier-event:${body.eventId}`, (actor) => ({
      actor,
      ...body,
    }));
  }

  private async send<TInput>(
    caller: TokenClaims,
    caseId: string,
    update: UpdateDefinition<CaseViewPayload, [TInput]>,
    updateId: string | undefined,
    input: (actor: ActionActor) => TInput,
  ): Promise<CaseViewPayload> {
    const view = await this.views.find(caseId);
    if (!view) throw ApiError.notFound(`case ${caseId}`);
    assertCaseOwner(caller, view);
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    try {
      return await handle.executeUpdate(update, {
        args: [input({ role: caller.role, id: caller.sub })],
        ...(updateId ? { updateId } : {}),
      });
    } catch (error) {
      const mapped = updateFailureToApiError(error);
      if (mapped) throw mapped;
      if (error instanceof WorkflowNotFoundError) throw await this.closedOrUnknown(caseId);
      throw error;
    }
  }

  /** The workflow is gone: a recorded case has closed (409 with its status), anything else is unknown. */
  private async closedOrUnknown(caseId: string): Promise<ApiError> {
    const view = await this.views.fromReadModel(caseId);
    if (!view) return ApiError.notFound(`case ${caseId}`);
    return ApiError.conflict(
      'CASE_CLOSED',
      `case ${caseId} is ${view.status} and takes no more actions`,
      view.status,
    );
  }
}
