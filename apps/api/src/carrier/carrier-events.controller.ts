import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { CarrierEventBody, carrierEventSchema } from '../cases/case-action.schemas';
import { CaseActionsService } from '../cases/case-actions.service';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';

/** `POST /v1/carrier/events`: the carriers' scan webhook. */
@ApiTags('actions')
@Controller('v1/carrier/events')
export class CarrierEventsController {
  constructor(private readonly actions: CaseActionsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('carrier')
  @ApiOperation({
    summary: 'A carrier scan of a return parcel, routed to the case by tracking number',
    description:
      'The case is the one whose `returnShipment.trackingNumber` matches (404 when none). Idempotent on ' +
      '`eventId`. Answers with the case view once the workflow has accepted the scan.',
  })
  @ApiZodBody(carrierEventSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  scan(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodPipe(carrierEventSchema)) body: CarrierEventBody,
  ): Promise<CaseViewPayload> {
    return this.actions.carrierScan(request.caller, body);
  }
}
