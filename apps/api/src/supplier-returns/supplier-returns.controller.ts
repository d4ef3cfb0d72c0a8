import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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

const BATCH_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    batchId: { type: 'string', example: 'RTV-s-1-1-r3f9a0c2e' },
    supplierId: { type: 'string' },
    status: { type: 'string', enum: [...SUPPLIER_BATCH_STATUSES] },
    units: { type: 'array', items: { type: 'object' } },
    openedAt: { type: 'string', format: 'date-time' },
    shippedAt: { type: 'string', format: 'date-time' },
    creditNote: { type: 'object' },
    attempts: { type: 'integer', description: 'shipments the supplier refused so far' },
    lastError: {
      type: 'object',
      description: "the supplier's last refusal, while the batch waits to ship again",
    },
    nextAttemptAt: { type: 'string', format: 'date-time' },
  },
};

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
  @ApiResponse({ status: 200, schema: BATCH_SCHEMA })
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
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { items: { type: 'array', items: BATCH_SCHEMA } } },
  })
  @ApiErrors(400, 403)
  async list(
    @Req() request: AuthenticatedRequest,
    @Query(new ZodPipe(supplierReturnsQuerySchema)) query: SupplierReturnsQuery,
  ): Promise<{ items: SupplierBatch[] }> {
    return { items: await this.supplierReturns.list(request.caller, query) };
  }
}
