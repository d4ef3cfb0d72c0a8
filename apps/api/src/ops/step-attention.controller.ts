import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { StepResolveBody, stepResolveSchema, StepRetryBody, stepRetrySchema } from './ops.schemas';
import { ResolveStepUseCase } from './resolve-step.use-case';
import { RetryStepUseCase } from './retry-step.use-case';

/** `/v1/ops/cases/{id}/steps/{stepKey}` (ops only): the steps an outside system refused, retried or resolved by hand. */
@ApiTags('ops')
@Roles('ops')
@Controller('v1/ops/cases/:caseId/steps/:stepKey')
export class StepAttentionController {
  constructor(
    private readonly retryStep: RetryStepUseCase,
    private readonly resolveStep: ResolveStepUseCase,
  ) {}

  @Post('retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Runs a step listed in needsAttention again (same idempotency key)',
    description:
      'The step leaves `needsAttention` (STEP_RETRIED in the log; a refused refund is requested again, ' +
      'OPS_ACTION_RECORDED RETRY_REFUND) and the workflow runs it again; refused again, it is listed ' +
      'again. 409 `STEP_NOT_LISTED` when the case does not list the step, `CASE_CLOSED` when its workflow ended.',
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'stepKey', description: 'as `needsAttention[].stepKey`, e.g. `CALL_REFUND:<refundId>`' })
  @ApiZodBody(stepRetrySchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  retry(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('stepKey') stepKey: string,
    @Body(new ZodPipe(stepRetrySchema)) body: StepRetryBody,
  ): Promise<CaseViewPayload> {
    return this.retryStep.execute(request.caller, caseId, stepKey, body);
  }

  @Post('resolve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resolves a step listed in needsAttention by hand; the case goes on',
    description:
      "`DONE`: the step's effect happened outside (`externalRef` required): a refund counts as paid " +
      '(REFUND_SUCCEEDED, against the order line too), a booking, reservation, shipment or repair is ' +
      'recorded under that reference. `SKIPPED`: not needed; the workflow does not run it again (a refund ' +
      'is never skipped: 400). STEP_RESOLVED in the log. 409 `STEP_NOT_LISTED` when the case does not list the step.',
  })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'stepKey', description: 'as `needsAttention[].stepKey`' })
  @ApiZodBody(stepResolveSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  resolve(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Param('stepKey') stepKey: string,
    @Body(new ZodPipe(stepResolveSchema)) body: StepResolveBody,
  ): Promise<CaseViewPayload> {
    return this.resolveStep.execute(request.caller, caseId, stepKey, body);
  }
}
