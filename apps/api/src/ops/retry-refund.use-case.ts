import { HttpStatus, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { CaseViewPayload, retryRefundUpdate } from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';
import { CaseWorkflowLocator } from './case-workflow.locator';
import type { RefundRetryBody } from './ops.schemas';

/** Asks a case's workflow to request a refund refused for good again (same refund id and idempotency key). */
@Injectable()
export class RetryRefundUseCase {
  constructor(
    private readonly temporal: TemporalConnection,
    private readonly locator: CaseWorkflowLocator,
  ) {}

  /** The case view once the workflow took the retry; 404 for an unknown refund, 409 for a closed case. */
  async execute(
    caller: TokenClaims,
    caseId: string,
    refundId: string,
    body: RefundRetryBody,
  ): Promise<CaseViewPayload> {
    const located = await this.locator.locate(caseId);
    const view = located.view;
    const refund = view?.resolution?.refunds.find((candidate) => candidate.refundId === refundId);
    if (!view || !refund) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'REFUND_NOT_FOUND',
        `case ${caseId} has no refund ${refundId}`,
      );
    }
    if (!located.description || located.description.status.name !== 'RUNNING') {
      throw ApiError.conflict(
        'CASE_CLOSED',
        `case ${caseId} is ${view.status} and its workflow is not running`,
        view.status,
      );
    }
    const handle = this.temporal.client.workflow.getHandle(located.workflowId);
    try {
      return await handle.executeUpdate(retryRefundUpdate, {
        args: [{ refundId, reason: body.reason, actor: { role: caller.role, id: caller.sub } }],
        // One retry per failure: a repeat of the request while the case stands still joins the first.
        updateId: `retry-refund:${refundId}:${body.retryId ?? `v${view.version}`}`,
      });
    } catch (error) {
      const mapped = updateFailureToApiError(error);
      if (mapped) throw mapped;
      if (error instanceof WorkflowNotFoundError) {
        throw ApiError.conflict('CASE_CLOSED', `case ${caseId} is ${view.status}`, view.status);
      }
      throw error;
    }
  }
}
