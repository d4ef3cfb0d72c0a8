import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ReadModelsRebuildResult } from '../../../../libs/persistence/src';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { ActivityActionAnswer, ActivityActionUseCase } from './activity-action.use-case';
import {
  ActivityActionBody,
  activityActionSchema,
  DEFAULT_DEADLINE_GRACE,
  DEFAULT_SILENT_FOR,
  RefundRetryBody,
  refundRetrySchema,
  ReplayCaseBody,
  replayCaseSchema,
  ResetCaseBody,
  resetCaseSchema,
  STUCK_DEFAULT_LIMIT,
  STUCK_DEFAULT_SCAN,
  STUCK_MAX_LIMIT,
  STUCK_MAX_SCAN,
  StuckCasesQuery,
  stuckCasesQuerySchema,
} from './ops.schemas';
import {
  ACTIVITY_ACTION_SCHEMA,
  REBUILD_ANSWER_SCHEMA,
  REPLAY_ANSWER_SCHEMA,
  RESET_ANSWER_SCHEMA,
  STUCK_CASES_SCHEMA,
} from './ops.responses';
import { OpsService } from './ops.service';
import { ReplayAnswer, ReplayCaseUseCase } from './replay-case.use-case';
import { ResetAnswer, ResetCaseUseCase } from './reset-case.use-case';
import { RetryRefundUseCase } from './retry-refund.use-case';
import { StuckCasesAnswer, StuckCasesService } from './stuck-cases.service';

/**
 * `/v1/ops` (ops only): stuck cases, replaying and resetting a case's workflow, retrying or pausing a
 * failing activity, retrying a refused refund, rebuilding the read models (service-quality figures:
 * ServiceQualityController).
 */
@ApiTags('ops')
@Roles('ops')
@Controller('v1/ops')
export class OpsController {
  constructor(
    private readonly ops: OpsService,
    private readonly stuck: StuckCasesService,
    private readonly replayCase: ReplayCaseUseCase,
    private readonly resetCase: ResetCaseUseCase,
    private readonly activityActions: ActivityActionUseCase,
    private readonly refundRetry: RetryRefundUseCase,
  ) {}

  @Get('stuck-cases')
  @ApiOperation({
    summary: 'Cases that need ops, each with why',
    description:
      'From the read model: open cases still holding a deadline more than `deadlineGrace` past ' +
      '(PAST_DEADLINE), without an event for `silentFor` (SILENT), or flagged (REFUND_FAILED, ' +
      'SLA_BREACHED), or listing a step an outside system refused for good (STEP_REFUSED, at once). From Temporal (the running case workflows of this deployment, at most `scan` ' +
      'described): activities at attempt `minAttempts` or later with their last error ' +
      '(ACTIVITY_FAILING), paused activities (ACTIVITY_PAUSED), workflow tasks failing, e.g. ' +
      'non-determinism after a bad deploy (WORKFLOW_TASK_FAILING). Longest stuck first; each item links ' +
      'to the workflow in the Temporal Web UI (TEMPORAL_UI_URL).',
  })
  @ApiQuery({
    name: 'silentFor',
    required: false,
    description: `ISO 8601 duration, default ${DEFAULT_SILENT_FOR}`,
  })
  @ApiQuery({
    name: 'deadlineGrace',
    required: false,
    description: `ISO 8601 duration, default ${DEFAULT_DEADLINE_GRACE}`,
  })
  @ApiQuery({ name: 'minAttempts', required: false, description: 'default 2' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `default ${STUCK_DEFAULT_LIMIT}, at most ${STUCK_MAX_LIMIT}`,
  })
  @ApiQuery({
    name: 'scan',
    required: false,
    description: `default ${STUCK_DEFAULT_SCAN}, at most ${STUCK_MAX_SCAN}`,
  })
  @ApiResponse({ status: 200, schema: STUCK_CASES_SCHEMA })
  @ApiErrors(400, 403)
  stuckCases(@Query(new ZodPipe(stuckCasesQuerySchema)) query: StuckCasesQuery): Promise<StuckCasesAnswer> {
    return this.stuck.find(query);
  }

  @Post('cases/:caseId/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Replays the case's workflow history against the current workflow code",
    description:
      '`{ deterministic: true }`, or `{ deterministic: false, kind, divergence }` naming where the code ' +
      'leaves the history. The code is the one this API was deployed with (WORKFLOW_BUNDLE_PATH, else ' +
      '`workflows/`). With `record: true` a deterministic replay is recorded in the case log ' +
      '(OPS_ACTION_RECORDED, REPLAY).',
  })
  @ApiParam({ name: 'caseId' })
  @ApiZodBody(replayCaseSchema)
  @ApiResponse({ status: 200, description: 'The replay outcome.', schema: REPLAY_ANSWER_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  replay(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(replayCaseSchema)) body: ReplayCaseBody,
  ): Promise<ReplayAnswer> {
    return this.replayCase.execute(request.caller, caseId, body);
  }

  @Post('cases/:caseId/reset')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Resets the case's workflow so it runs again from a workflow task, keeping signals and updates",
    description:
      '`to`: LAST_WORKFLOW_TASK or FIRST_WORKFLOW_TASK (the last or first WorkflowTaskCompleted event of ' +
      "the current run), or a history event id. Signals and updates after that point are applied again. Once the new run has caught up with the case's log, " +
      'the reset is recorded there (OPS_ACTION_RECORDED, RESET). Answers the new run id and the case ' +
      'view. 409 `NOT_RESETTABLE` for a completed workflow or one without a completed workflow task.',
  })
  @ApiParam({ name: 'caseId' })
  @ApiZodBody(resetCaseSchema)
  @ApiResponse({ status: 200, schema: RESET_ANSWER_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  reset(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(resetCaseSchema)) body: ResetCaseBody,
  ): Promise<ResetAnswer> {
    return this.resetCase.execute(request.caller, caseId, body);
  }

  @Post('cases/:caseId/activities/:activityId/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Retries a failing activity now, counting attempts from 1 again (unpauses it)',
    description:
      'Temporal `ResetActivity`. The activity id is the one `stuck-cases` lists. With a `reason`, a NOTE ' +
      "is recorded in the case's log.",
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'activityId' })
  @ApiZodBody(activityActionSchema)
  @ApiResponse({ status: 200, description: 'The activity after the action.', schema: ACTIVITY_ACTION_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  retryActivity(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('activityId') activityId: string,
    @Body(new ZodPipe(activityActionSchema)) body: ActivityActionBody,
  ): Promise<ActivityActionAnswer> {
    return this.activityActions.execute(request.caller, caseId, activityId, 'retry', body);
  }

  @Post('cases/:caseId/activities/:activityId/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Pauses a failing activity: no further attempts until it is unpaused or retried',
    description: "Temporal `PauseActivity`. With a `reason`, a NOTE is recorded in the case's log.",
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'activityId' })
  @ApiZodBody(activityActionSchema)
  @ApiResponse({ status: 200, description: 'The activity after the action.', schema: ACTIVITY_ACTION_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  pauseActivity(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('activityId') activityId: string,
    @Body(new ZodPipe(activityActionSchema)) body: ActivityActionBody,
  ): Promise<ActivityActionAnswer> {
    return this.activityActions.execute(request.caller, caseId, activityId, 'pause', body);
  }

  @Post('cases/:caseId/activities/:activityId/unpause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Unpauses an activity: its next attempt is scheduled at once',
    description:
      'Temporal `UnpauseActivity`; `resetAttempts: true` counts attempts from 1 again. With a `reason`, a ' +
      "NOTE is recorded in the case's log.",
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'activityId' })
  @ApiZodBody(activityActionSchema)
  @ApiResponse({ status: 200, description: 'The activity after the action.', schema: ACTIVITY_ACTION_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  unpauseActivity(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('activityId') activityId: string,
    @Body(new ZodPipe(activityActionSchema)) body: ActivityActionBody,
  ): Promise<ActivityActionAnswer> {
    return this.activityActions.execute(request.caller, caseId, activityId, 'unpause', body);
  }

  @Post('cases/:caseId/refunds/:refundId/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Requests a refund the refund system refused for good (REFUND_FAILED) again',
    description:
      'The same refund id and idempotency key, so it is paid at most once. Recorded in the log ' +
      '(OPS_ACTION_RECORDED, RETRY_REFUND). 409 while the refund is not FAILED.',
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'refundId' })
  @ApiZodBody(refundRetrySchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  retryRefund(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('refundId') refundId: string,
    @Body(new ZodPipe(refundRetrySchema)) body: RefundRetryBody,
  ): Promise<CaseViewPayload> {
    return this.refundRetry.execute(request.caller, caseId, refundId, body);
  }

  @Post('projections/rebuild')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rebuilds the read models from the event log',
    description:
      'The case views are rebuilt beside the live table and swapped in (they come out identical to the ' +
      'live ones; `caseViews` reports any difference it repaired); each async projection is reset and ' +
      'replayed. `durationMs` is how long it took. 409 `REBUILD_IN_PROGRESS` while another rebuild runs.',
  })
  @ApiResponse({ status: 200, description: 'What was rebuilt.', schema: REBUILD_ANSWER_SCHEMA })
  @ApiErrors(403, 409)
  rebuild(): Promise<ReadModelsRebuildResult & { durationMs: number }> {
    return this.ops.rebuildReadModels();
  }
}
