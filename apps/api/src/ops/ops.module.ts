import { Module } from '@nestjs/common';
import { ActivityActionUseCase } from './activity-action.use-case';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { OpsActionRecorder } from './ops-action.recorder';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { readModelProjectionsProvider } from './read-model-projections.provider';
import { ReplayCaseUseCase } from './replay-case.use-case';
import { ResetCaseUseCase } from './reset-case.use-case';
import { RetryRefundUseCase } from './retry-refund.use-case';
import { StuckCasesService } from './stuck-cases.service';
import { UnmatchedReceiptsController } from './unmatched-receipts.controller';
import { WorkflowReplayer } from './workflow-replayer';

/** The ops endpoints: stuck cases, replay and reset, activity and refund retries, rebuild, metrics. */
@Module({
  controllers: [OpsController, UnmatchedReceiptsController],
  providers: [
    OpsService,
    StuckCasesService,
    CaseWorkflowLocator,
    OpsActionRecorder,
    ReplayCaseUseCase,
    ResetCaseUseCase,
    ActivityActionUseCase,
    RetryRefundUseCase,
    WorkflowReplayer,
    readModelProjectionsProvider,
  ],
})
export class OpsModule {}
