import { Module } from '@nestjs/common';
import { CaseWorkflowOpsService } from './case-workflow-ops.service';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { readModelProjectionsProvider } from './read-model-projections.provider';
import { StuckCasesService } from './stuck-cases.service';
import { WorkflowReplayer } from './workflow-replayer';

/** The ops endpoints: stuck cases, replay and reset, activity and refund retries, rebuild, metrics. */
@Module({
  controllers: [OpsController],
  providers: [
    OpsService,
    StuckCasesService,
    CaseWorkflowOpsService,
    WorkflowReplayer,
    readModelProjectionsProvider,
  ],
})
export class OpsModule {}
