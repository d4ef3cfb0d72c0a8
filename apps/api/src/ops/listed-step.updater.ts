import { Injectable } from '@nestjs/common';
import { WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { ApiError } from '../common/api-error';
import { TemporalConnection } from '../temporal/temporal.module';
import { updateFailureToApiError } from '../temporal/workflow-failure.mapper';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { STEP_KEY_PATTERN } from './ops.schemas';

/** What an ops update on a listed step sends, given the case's view as the read model has it. */
export type StepUpdateCall = (handle: WorkflowHandle, view: CaseViewPayload) => Promise<CaseViewPayload>;

/**
 * Runs an ops update on a step a case lists in `needsAttention`: 404 for an unknown case, 409
 * `STEP_NOT_LISTED` for a step the case does not list (the workflow checks again as it takes the
 * update), 409 `CASE_CLOSED` when its workflow no longer runs.
 */
@Injectable()
export class ListedStepUpdater {
  constructor(
    private readonly temporal: TemporalConnection,
    private readonly locator: CaseWorkflowLocator,
  ) {}

  /** The case view once the workflow took the update. */
  async update(caseId: string, stepKey: string, call: StepUpdateCall): Promise<CaseViewPayload> {
    const located = await this.locator.locate(caseId);
    const view = located.view;
    if (!view) throw ApiError.notFound(`case ${caseId}`);
    const listed =
      STEP_KEY_PATTERN.test(stepKey) && view.needsAttention?.some((item) => item.stepKey === stepKey);
    if (!listed) {
      throw ApiError.conflict(
        'STEP_NOT_LISTED',
        `case ${caseId} does not list step ${stepKey} in needsAttention`,
        view.status,
      );
    }
    if (!located.description || located.description.status.name !== 'RUNNING') {
      throw ApiError.conflict(
        'CASE_CLOSED',
        `case ${caseId} is ${view.status} and its workflow is not running`,
        view.status,
      );
    }
    try {
      return await call(this.temporal.client.workflow.getHandle(located.workflowId), view);
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
