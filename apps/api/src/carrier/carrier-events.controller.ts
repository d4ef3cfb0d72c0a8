import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TrackingNumbers } from '../../../../libs/persistence/src';
import { CaseViewPayload, carrierScanUpdate } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { CarrierEventBody, carrierEventSchema } from '../cases/case-action.schemas';
import { ApiError } from '../common/api-error';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { CaseUpdateSender } from './case-update.sender';

/** `POST /v1/carrier/events`: the carriers' scan webhook. */
@ApiTags('actions')
@Controller('v1/carrier/events')
export class CarrierEventsController {
  constructor(
    private readonly numbers: TrackingNumbers,
    private readonly cases: CaseUpdateSender,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('carrier')
  @ApiOperation({
    summary: 'A carrier scan of a return parcel, routed to the open case holding the tracking number',
    description:
      'The case is the open one the tracking number is bound to (a self-shipped registration or a ' +
      "pickup booking; 404 when none). Clocks start at the time the API received the scan, never at the carrier's " +
      "`occurredAt` (kept for display); an `occurredAt` later than that time plus the profile's " +
      '`scanClockSkew` (default PT5M) is refused 400 `SCAN_IN_FUTURE`. A scan out of order (DELIVERED ' +
      'without an earlier PICKED_UP, a scan behind the parcel) is recorded, flagged `OUT_OF_ORDER_SCAN` in ' +
      '`riskFlags`, and a DELIVERED one still counts as arrival. Idempotent on `eventId`. Answers with ' +
      'the case view once the workflow has accepted the scan.',
  })
  @ApiZodBody(carrierEventSchema)
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  async scan(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodPipe(carrierEventSchema)) body: CarrierEventBody,
  ): Promise<CaseViewPayload> {
    const receivedAt = new Date().toISOString();
    const caseId = await this.numbers.openCaseOf(body.trackingNumber);
    if (!caseId) throw ApiError.notFound(`open case with tracking number ${body.trackingNumber}`);
    return this.cases.send(caseId, carrierScanUpdate, `carrier-event:${body.eventId}`, {
      ...body,
      receivedAt,
      actor: { role: request.caller.role, id: request.caller.sub },
    });
  }
}
