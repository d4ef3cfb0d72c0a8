import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import {
  ArbitrationBody,
  arbitrationSchema,
  CancelCaseBody,
  cancelCaseSchema,
  EscalateBody,
  escalateSchema,
  InspectionBody,
  inspectionSchema,
  MerchantDecisionBody,
  merchantDecisionSchema,
  ReturnShipmentBody,
  returnShipmentSchema,
} from './case-action.schemas';
import { CaseActionsService } from './case-actions.service';

const ACTION_ANSWER =
  'Answers 200 with the case view once the workflow has accepted the action; a state that does not ' +
  'allow it is a 409 at once naming `currentStatus`. A repeat with the same id returns the first result.';

/** The actions on one case (API.md's table), each a Temporal update of the case workflow. */
@ApiTags('actions')
@Controller('v1/cases/:caseId')
export class CaseActionsController {
  constructor(private readonly actions: CaseActionsService) {}

  @Post('decision')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiOperation({
    summary: 'Merchant approves or rejects (allowed while PENDING_MERCHANT_REVIEW or ESCALATED)',
    description: `${ACTION_ANSWER} Idempotent on \`decisionId\`.`,
  })
  @ApiZodBody(merchantDecisionSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  decide(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(merchantDecisionSchema)) body: MerchantDecisionBody,
  ): Promise<CaseViewPayload> {
    return this.actions.decide(request.caller, caseId, body);
  }

  @Post('cancel')
  @HttpCode(HttpStatus.OK)
  @Roles('customer')
  @ApiOperation({
    summary: 'Customer cancels (before the return is picked up or shipped)',
    description: ACTION_ANSWER,
  })
  @ApiZodBody(cancelCaseSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  cancel(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(cancelCaseSchema)) body: CancelCaseBody,
  ): Promise<CaseViewPayload> {
    return this.actions.cancel(request.caller, caseId, body);
  }

  @Post('return-shipment')
  @HttpCode(HttpStatus.OK)
  @Roles('customer')
  @ApiOperation({
    summary: 'Customer registers a self-shipped return (AWAITING_RETURN with SELF_SHIP)',
    description: ACTION_ANSWER,
  })
  @ApiZodBody(returnShipmentSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  returnShipment(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(returnShipmentSchema)) body: ReturnShipmentBody,
  ): Promise<CaseViewPayload> {
    return this.actions.returnShipment(request.caller, caseId, body);
  }

  @Post('escalate')
  @HttpCode(HttpStatus.OK)
  @Roles('customer')
  @ApiOperation({
    summary: 'Customer escalates a rejection, or a grade that refused a refund, to the platform',
    description: `${ACTION_ANSWER} Idempotent on \`escalationId\`.`,
  })
  @ApiZodBody(escalateSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  escalate(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(escalateSchema)) body: EscalateBody,
  ): Promise<CaseViewPayload> {
    return this.actions.escalate(request.caller, caseId, body);
  }

  @Post('arbitration')
  @HttpCode(HttpStatus.OK)
  @Roles('ops')
  @ApiOperation({
    summary: 'Ops rule on an escalated case (IN_ARBITRATION)',
    description: `${ACTION_ANSWER} Idempotent on \`rulingId\`.`,
  })
  @ApiZodBody(arbitrationSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  arbitrate(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(arbitrationSchema)) body: ArbitrationBody,
  ): Promise<CaseViewPayload> {
    return this.actions.arbitrate(request.caller, caseId, body);
  }

  @Post('inspection')
  @HttpCode(HttpStatus.OK)
  @Roles('warehouse')
  @ApiOperation({
    summary: 'Warehouse records receipt and the grade of each unit (AWAITING_INSPECTION)',
    description:
      `${ACTION_ANSWER} Idempotent on \`inspectionId\`. Each graded line may name its case line ` +
      '(`lineId`: a line of the case holding that `sku`, else 400 `UNKNOWN_ITEM` naming `items.N.lineId`) ' +
      "and carry `notes` and up to 10 `photos` (https URLs of at most 2,000 characters); the view's " +
      '`inspection.items` and the INSPECTION_RECORDED event show them.',
  })
  @ApiZodBody(inspectionSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  inspect(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
    @Body(new ZodPipe(inspectionSchema)) body: InspectionBody,
  ): Promise<CaseViewPayload> {
    return this.actions.inspect(request.caller, caseId, body);
  }
}
