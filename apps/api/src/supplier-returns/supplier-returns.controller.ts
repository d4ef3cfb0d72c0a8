import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SUPPLIER_BATCH_STATUSES, SupplierBatch } from '../../../../workflows/supplier-returns.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors, ApiZodBody } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import {
  SupplierCreditBody,
  supplierCreditSchema,
  SupplierReturnsQuery,
  supplierReturnsQuerySchema,
} from './supplier-returns.schemas';
import { SupplierReturnsService } from './supplier-returns.service';
import { SUPPLIER_BATCH_SCHEMA, SUPPLIER_BATCHES_SCHEMA } from './supplier-returns.responses';

/** `/v1/supplier-returns`: return-to-vendor batches and their credit notes. */
@ApiTags('supplier-returns')
@Controller('v1/supplier-returns')
export class SupplierReturnsController {
  constructor(private readonly supplierReturns: SupplierReturnsService) {}

  @Post(':batchId/credit')
  @HttpCode(HttpStatus.OK)
  @Roles('supplier', 'ops')
  @ApiOperation({
    summary: "Records the supplier's credit note for a shipped batch",
    description:
      'Idempotent on `creditNoteId`; a second, different credit note for the same batch is 409. A supplier ' +
      'token with a `supplierId` claim may credit only its own batches.',
  })
  @ApiZodBody(supplierCreditSchema)
  @ApiResponse({ status: 200, schema: SUPPLIER_BATCH_SCHEMA })
  @ApiErrors(400, 403, 404, 409)
  credit(
    @Req() request: AuthenticatedRequest,
    @Param('batchId') batchId: string,
    @Body(new ZodPipe(supplierCreditSchema)) body: SupplierCreditBody,
  ): Promise<SupplierBatch> {
    return this.supplierReturns.recordCredit(request.caller, batchId, body);
  }

  @Get()
  @Roles('supplier', 'ops')
  @ApiOperation({
    summary: 'The supplier-return batches with their units and credit',
    description: 'With `supplierId`, that supplier only; without, every running supplier workflow.',
  })
  @ApiQuery({ name: 'supplierId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: [...SUPPLIER_BATCH_STATUSES] })
  @ApiResponse({ status: 200, schema: SUPPLIER_BATCHES_SCHEMA })
  @ApiErrors(400, 403)
  async list(
    @Req() request: AuthenticatedRequest,
    @Query(new ZodPipe(supplierReturnsQuerySchema)) query: SupplierReturnsQuery,
  ): Promise<{ items: SupplierBatch[] }> {
    return { items: await this.supplierReturns.list(request.caller, query) };
  }
}
