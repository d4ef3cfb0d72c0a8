import { Module } from '@nestjs/common';
import { ActivityActionUseCase } from './activity-action.use-case';
import { CaseLinksController } from './case-links.controller';
import { CaseWorkflowLocator } from './case-workflow.locator';
import { OpsActionRecorder } from './ops-action.recorder';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { readModelProjectionsProvider } from './read-model-projections.provider';
import { ListedStepUpdater } from './listed-step.updater';
import { ReplayCaseUseCase } from './replay-case.use-case';
import { ResetCaseUseCase } from './reset-case.use-case';
import { ResolveStepUseCase } from './resolve-step.use-case';
import { RetryRefundUseCase } from './retry-refund.use-case';
import { RetryStepUseCase } from './retry-step.use-case';
import { ServiceQualityController } from './service-quality.controller';
import { ServiceQualityService } from './service-quality.service';
import { StepAttentionController } from './step-attention.controller';
import { StuckCasesService } from './stuck-cases.service';
import { UnmatchedReceiptsController } from './unmatched-receipts.controller';
import { WorkflowReplayer } from './workflow-replayer';

/** The ops endpoints: stuck cases, replay and reset, activity, refund and refused-step retries, steps resolved by hand, rebuild, metrics, a case's Temporal UI links. */
@Module({
  controllers: [
    OpsController,
    UnmatchedReceiptsController,
    StepAttentionController,
    ServiceQualityController,
    CaseLinksController,
  ],
  providers: [
    OpsService,
    ServiceQualityService,
    StuckCasesService,
    CaseWorkflowLocator,
    OpsActionRecorder,
    ReplayCaseUseCase,
    ResetCaseUseCase,
    ActivityActionUseCase,
    RetryRefundUseCase,
    ListedStepUpdater,
    RetryStepUseCase,
    ResolveStepUseCase,
    WorkflowReplayer,
    readModelProjectionsProvider,
  ],
})
export class OpsModule {}
