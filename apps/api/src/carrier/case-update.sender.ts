import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { caseWorkflowId, CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { ApiError } from '../common/api-error';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';

/**
 * Sends a parcel report (a carrier scan, a dock receipt) to the open case holding its tracking number,
 * as a Temporal update named by the caller's id (a repeat joins the first): the workflow validates it
 * at once and answers with the case view; a refusal becomes API.md's error.
 */
@Injectable()
export class CaseUpdateSender {
  constructor(private readonly temporal: TemporalConnection) {}

  /** The case view once the case's workflow accepted `input`, or the API error of its refusal. */
  async send<TInput>(
    caseId: string,
    update: UpdateDefinition<CaseViewPayload, [TInput]>,
    updateId: string,
    input: TInput,
  ): Promise<CaseViewPayload> {
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    try {
      return await handle.executeUpdate(update, { args: [input], updateId });
    } catch (error) {
      const mapped = updateFailureToApiError(error);
      if (mapped) throw mapped;
      if (error instanceof WorkflowNotFoundError) throw ApiError.notFound(`open case ${caseId}`);
      throw error;
    }
  }
}
