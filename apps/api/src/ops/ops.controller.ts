import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ReadModelsRebuildResult, ServiceQualityFigures } from '../../../../libs/persistence/src';
import { Roles } from '../auth/auth.guard';
import { ApiErrors } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { ServiceQualityQuery, serviceQualityQuerySchema } from './ops.schemas';
import { OpsService } from './ops.service';

/** `/v1/ops`: operations on the read models and the platform's service-quality figures (ops only). */
@ApiTags('ops')
@Roles('ops')
@Controller('v1/ops')
export class OpsController {
  constructor(private readonly ops: OpsService) {}

  @Post('projections/rebuild')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rebuilds the read models from the event log',
    description:
      'The case views are rebuilt beside the live table and swapped in (they come out identical to the ' +
      'live ones; `caseViews` reports any difference it repaired); each async projection is reset and ' +
      'replayed. 409 `REBUILD_IN_PROGRESS` while another rebuild runs.',
  })
  @ApiResponse({ status: 200, description: 'What was rebuilt.' })
  @ApiErrors(403, 409)
  rebuild(): Promise<ReadModelsRebuildResult> {
    return this.ops.rebuildReadModels();
  }

  @Get('metrics/service-quality')
  @ApiOperation({
    summary: 'Response time, resolution time, auto-approved-by-timeout share, escalation rate, late refunds',
    description: 'From the event log (async projection). One merchant with `merchantId`, else the totals.',
  })
  @ApiQuery({ name: 'merchantId', required: false })
  @ApiResponse({ status: 200, description: 'The figures.' })
  @ApiErrors(400, 403)
  serviceQuality(
    @Query(new ZodPipe(serviceQualityQuerySchema)) query: ServiceQualityQuery,
  ): Promise<ServiceQualityFigures> {
    return this.ops.serviceQuality(query.merchantId);
  }
}
