import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionDescription, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CaseViewQueries } from '../../../../libs/persistence/src';
import { CaseViewPayload, caseWorkflowId } from '../../../../workflows/after-sales-case.definitions';
import { isCaseIdShaped } from '../cases/case-id';
import { ApiError } from '../common/api-error';
import { DATA_SOURCE } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';

/** A case as the ops actions find it: its read-model view and its workflow's current run. */
export interface LocatedCase {
  caseId: string;
  workflowId: string;
  view: CaseViewPayload | null;
  description: WorkflowExecutionDescription | null;
}

/** Finds the case an ops action names: its read-model view and its workflow's current run. */
@Injectable()
export class CaseWorkflowLocator {
  private readonly views: CaseViewQueries<CaseViewPayload>;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly temporal: TemporalConnection,
  ) {
    this.views = new CaseViewQueries<CaseViewPayload>(dataSource);
  }

  /** The case's view and its workflow's current run; 404 when neither the read model nor Temporal knows it. */
  async locate(caseId: string): Promise<LocatedCase> {
    if (!isCaseIdShaped(caseId)) throw ApiError.notFound(`case ${caseId}`);
    const workflowId = caseWorkflowId(caseId);
    const [view, description] = await Promise.all([
      this.views.getById(caseId),
      this.temporal.client.workflow
        .getHandle(workflowId)
        .describe()
        .catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return null;
          throw error;
        }),
    ]);
    if (!view && !description) throw ApiError.notFound(`case ${caseId}`);
    return { caseId, workflowId, view, description };
  }

  /** The located case's workflow run; 409 WORKFLOW_GONE once its history is past retention. */
  requireWorkflow(located: LocatedCase): WorkflowExecutionDescription {
    if (located.description) return located.description;
    throw ApiError.conflict(
      'WORKFLOW_GONE',
      `case ${located.caseId} has no workflow history any more (past the namespace's retention)`,
      located.view?.status,
    );
  }

  /** The case's view in the read model (null when it has none). */
  view(caseId: string): Promise<CaseViewPayload | null> {
    return this.views.getById(caseId);
  }
}
