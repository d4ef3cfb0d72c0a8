import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { RuntimeConfig } from '../../../../libs/config/src';
import { ActorRole, decideRequestCase, initialCaseState, Policy } from '../../../../libs/domain/src';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  CaseViewPayload,
  StartCaseInput,
} from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { forbiddenOwner } from '../common/case-access';
import { RUNTIME_CONFIG } from '../common/tokens';
import { CASE_POLICY } from '../policy/case-policy.provider';
import { TemporalConnection } from '../temporal/temporal.module';
import { applicationFailureToApiError, domainCodeToApiError } from '../temporal/workflow-failure.mapper';
import { caseIdOfRequest, requestFingerprint } from './case-id';
import type { CaseRequestBody } from './case-request.schema';
import { CaseViewsService } from './case-views.service';

/** Memo key holding the fingerprint of the request a case workflow was started with. */
const REQUEST_FINGERPRINT_MEMO = 'requestFingerprint';

/** How long `POST /v1/cases` waits for the workflow to record the request in the log. */
const RECORDING_TIMEOUT_MS = 10_000;
const RECORDING_POLL_MS = 50;
/** Every this many polls, look whether the workflow refused the request and ended. */
const WORKFLOW_CHECK_EVERY_POLLS = 10;

/** The answer to `POST /v1/cases`: whether this call opened the case, and its view. */
export interface CreatedCase {
  created: boolean;
  view: CaseViewPayload;
}

/**
 * Opens cases: one workflow per request id. The case id is derived from `requestId`; the workflow
 * starts with the conflict policy FAIL and the reuse policy REJECT_DUPLICATE, so exactly one call
 * opens it (201) and every repeat finds it (200) — unless its body differs (409).
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: TemporalConnection,
    private readonly views: CaseViewsService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(CASE_POLICY) private readonly policy: Policy,
  ) {}

  /** Opens the case of `request` (or finds it when the request was sent before). */
  async create(caller: TokenClaims, request: CaseRequestBody): Promise<CreatedCase> {
    if (caller.role === 'customer' && request.customerId !== caller.customerId) {
      throw forbiddenOwner('a customer opens cases for themselves only');
    }
    if (caller.role === 'merchant' && request.merchantId !== caller.merchantId) {
      throw forbiddenOwner('a merchant opens cases of their own merchantId only');
    }
    const caseId = caseIdOfRequest(request.requestId);
    const fingerprint = requestFingerprint(request);
    const actor = { role: caller.role, id: caller.sub };
    // The domain decides on the request here first, so a refused one (ineligible, out of window)
    // starts no workflow and stores nothing; the workflow decides again when it records it.
    const decision = decideRequestCase(
      initialCaseState,
      { caseId, request, policy: this.policy },
      { now: new Date(), actor: { role: caller.role as ActorRole, id: caller.sub } },
    );
    if (!decision.ok) {
      if (await this.exists(caseId)) return this.repeat(caseId, fingerprint, request.requestId);
      const { code, message, currentStatus, details } = decision.error;
      throw domainCodeToApiError(
        code,
        message,
        currentStatus ?? undefined,
        details ? [...details] : undefined,
      );
    }
    const input: StartCaseInput = {
      caseId,
      request,
      policy: this.policy,
      actor,
      refundTaskQueue: this.config.refundTaskQueue,
    };
    try {
      await this.temporal.client.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(caseId),
        taskQueue: this.config.caseTaskQueue,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { [REQUEST_FINGERPRINT_MEMO]: fingerprint },
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return this.repeat(caseId, fingerprint, request.requestId);
    }
    return { created: true, view: await this.waitUntilRecorded(caseId) };
  }

  /** A request sent before: its case (200), unless this body differs from the first (409). */
  private async repeat(caseId: string, fingerprint: string, requestId: string): Promise<CreatedCase> {
    await this.assertSameRequest(caseId, fingerprint, requestId);
    return { created: false, view: await this.waitUntilRecorded(caseId) };
  }

  private async exists(caseId: string): Promise<boolean> {
    try {
      await this.temporal.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  private async assertSameRequest(caseId: string, fingerprint: string, requestId: string): Promise<void> {
    const description = await this.temporal.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
    if (description.memo?.[REQUEST_FINGERPRINT_MEMO] !== fingerprint) {
      throw ApiError.conflict(
        'IDEMPOTENCY_CONFLICT',
        `requestId ${requestId} was already used with a different body`,
      );
    }
  }

  /**
   * The view once the workflow has appended the request to the log (read model version ≥ 1), so the
   * answer is durable and a following GET or list sees it; the workflow's own view after the timeout.
   */
  private async waitUntilRecorded(caseId: string): Promise<CaseViewPayload> {
    const deadline = Date.now() + RECORDING_TIMEOUT_MS;
    for (let poll = 0; Date.now() < deadline; poll += 1) {
      const view = await this.views.fromReadModel(caseId);
      if (view && view.version >= 1) return view;
      if (poll % WORKFLOW_CHECK_EVERY_POLLS === WORKFLOW_CHECK_EVERY_POLLS - 1)
        await this.assertNotFailed(caseId);
      await new Promise((resolve) => setTimeout(resolve, RECORDING_POLL_MS));
    }
    const view = await this.views.find(caseId);
    if (view) return view;
    throw new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'CASE_NOT_YET_RECORDED',
      `case ${caseId} was opened but is not recorded yet; repeat the request with the same requestId`,
    );
  }

  /** Throws the domain's refusal when the workflow ended without recording the request. */
  private async assertNotFailed(caseId: string): Promise<void> {
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    const { status } = await handle.describe();
    if (status.name === 'RUNNING' || status.name === 'COMPLETED') return;
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => (error instanceof WorkflowFailedError ? error.cause : error),
    );
    if (failure instanceof ApplicationFailure && failure.type) throw applicationFailureToApiError(failure);
    throw new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'CASE_NOT_RECORDED',
      `case ${caseId} ended (${status.name}) before recording the request`,
    );
  }
}
