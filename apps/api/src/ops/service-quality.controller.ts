import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { ServiceQualityAnswer, serviceQualityAnswerSchema } from './service-quality.responses';
import {
  SERIES_DEFAULT_DAYS,
  SERIES_MAX_DAYS,
  ServiceQualityQuery,
  serviceQualityQuerySchema,
} from './service-quality.schemas';
import { ServiceQualityService } from './service-quality.service';

/** `GET /v1/ops/metrics/service-quality`: ops for any merchant, a merchant for its own shop. */
@ApiTags('ops')
@Controller('v1/ops/metrics')
export class ServiceQualityController {
  constructor(private readonly serviceQuality: ServiceQualityService) {}

  @Get('service-quality')
  @Roles('ops', 'merchant')
  @ApiOperation({
    summary: 'Response time, resolution time, auto-approved-by-timeout share, escalation rate, late refunds',
    description:
      'From the event log (async projection). One merchant with `merchantId`, else the totals; a merchant ' +
      "token reads its own shop's figures only (`merchantId` defaults to its own, another is 403). With " +
      '`from`, `to` or `bucket`, `series` adds the figures per day or ISO week (Monday first) in the ' +
      "policy's time zone, each case counted in the bucket it was requested in: the merchant response-time " +
      'distribution (p50, p90, max and a histogram of fixed bins), the share approved by timeout, the ' +
      `escalation rate, case counts. \`from\`/\`to\`: a date (YYYY-MM-DD, local; \`to\`'s day included) or ` +
      `an ISO 8601 date-time with an offset (\`to\` excluded); defaults: \`to\` now, \`from\` ${SERIES_DEFAULT_DAYS} ` +
      `days earlier, \`bucket\` day. 400 naming the field for an unparseable value, \`from\` not before \`to\`, ` +
      `or a range over ${SERIES_MAX_DAYS} days.`,
  })
  @ApiQuery({ name: 'merchantId', required: false })
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30' })
  @ApiQuery({ name: 'bucket', required: false, enum: ['day', 'week'] })
  @ApiResponse({ status: 200, schema: namedSchema('ServiceQuality', serviceQualityAnswerSchema) })
  @ApiErrors(400, 403)
  read(
    @Req() request: AuthenticatedRequest,
    @Query(new ZodPipe(serviceQualityQuerySchema)) query: ServiceQualityQuery,
  ): Promise<ServiceQualityAnswer> {
    return this.serviceQuality.read(request.caller, query);
  }
}
