import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_LIST_SORTS } from '../../../../libs/persistence/src';
import { CaseViewPayload } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { caseListQuerySchema, CaseListQueryParams } from './case-list-query.schema';
import { CaseRequestPipe } from './case-request.pipe';
import { CaseRequestBody, caseRequestSchema } from './case-request.schema';
import { caseEventsSchema } from './case-view.schema';
import { CaseEventItem, CaseViewsService } from './case-views.service';
import { CasesService } from './cases.service';

/** `/v1/cases`: open a case, read it, list cases, read its event log. */
@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly views: CaseViewsService,
  ) {}

  @Post()
  @Roles('customer', 'merchant')
  @ApiOperation({
    summary:
      "Opens an after-sales case on an order (a customer on their own orders, a merchant on its shop's)",
    description:
      'Contract v1.1: the body names the order and its lines; prices, dates, categories, suppliers, warranty, ' +
      "insurance, the customer, the merchant and the tier come from the order system (the item's `lineId` in " +
      'the view). Any other field is refused by name (400). Idempotent on `requestId`: a repeat answers 200 ' +
      'with the same case (even after the line was used up by it), a repeat with another body 409 ' +
      '`IDEMPOTENCY_CONFLICT`. Answers once the lines are held and the request is in the event log. ' +
      '404 `ORDER_NOT_FOUND`, 422 `ORDER_LINE_NOT_FOUND` or `NO_CURRENT_PRICE` (price protection), 403 ' +
      "`FORBIDDEN` (someone else's order), 409 `LINE_ALLOWANCE_EXCEEDED`, 503 `ORDER_SYSTEM_UNAVAILABLE` " +
      '(nothing stored). `returnMethod` is NONE exactly for REFUND_ONLY and PRICE_PROTECTION; `pickupAddress` ' +
      'only and always with PICKUP.',
  })
  @ApiZodBody(caseRequestSchema)
  @ApiResponse({ status: 201, description: 'Case opened.', schema: CASE_VIEW_SCHEMA })
  @ApiResponse({
    status: 200,
    description: 'The same request was sent before: its case.',
    schema: CASE_VIEW_SCHEMA,
  })
  @ApiErrors(400, 403, 404, 409, 422, 503)
  async create(
    @Req() request: AuthenticatedRequest,
    @Body(new CaseRequestPipe()) body: CaseRequestBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseViewPayload> {
    const { created, view } = await this.cases.create(request.caller, body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get()
  @Roles('customer', 'merchant', 'ops', 'warehouse')
  @ApiOperation({
    summary: 'Lists cases, newest first, or sorted by a deadline',
    description:
      'Filters combine with AND. Customers see only their own cases and merchants only theirs (asking for ' +
      "another's is 403). `nextCursor` is null on the last page; pass it as `cursor` for the next, with the " +
      'same `sort` and `order` (a cursor of another order is 400 naming `cursor`). `sort` orders by a ' +
      'deadline of the view (`merchantRespondBy`, `merchantAnswerBy`, `customerShipBy`, `inspectBy`: nearest ' +
      'first by default, cases without that deadline last in either order) or by `createdAt`/`updatedAt` ' +
      '(newest first by default); ties are broken by `caseId` in the same direction. An unknown `sort` or ' +
      '`order` is 400 naming the field.',
  })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'merchantId', required: false })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: CASE_LIST_SORTS, description: 'default createdAt' })
  @ApiQuery({
    name: 'order',
    required: false,
    enum: ['asc', 'desc'],
    description: 'default asc for a deadline, desc for createdAt and updatedAt',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 100, default 20' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiResponse({
    status: 200,
    schema: namedSchema('CaseList', {
      type: 'object',
      required: ['items', 'nextCursor'],
      properties: {
        items: { type: 'array', items: CASE_VIEW_SCHEMA },
        nextCursor: {
          type: 'string',
          nullable: true,
          description: 'Null on the last page; pass it as `cursor` (same `sort` and `order`) for the next.',
        },
      },
    }),
  })
  @ApiErrors(400, 403)
  list(
    @Req() request: AuthenticatedRequest,
    @Query(new ZodPipe(caseListQuerySchema)) query: CaseListQueryParams,
  ): Promise<{ items: CaseViewPayload[]; nextCursor: string | null }> {
    return this.views.list(request.caller, query);
  }

  @Get(':caseId')
  @Roles('customer', 'merchant', 'ops', 'warehouse')
  @ApiOperation({ summary: 'The case view' })
  @ApiResponse({ status: 200, schema: CASE_VIEW_SCHEMA })
  @ApiErrors(403, 404)
  get(@Req() request: AuthenticatedRequest, @Param('caseId') caseId: string): Promise<CaseViewPayload> {
    return this.views.getForCaller(request.caller, caseId);
  }

  @Get(':caseId/events')
  @Roles('customer', 'merchant', 'ops', 'warehouse')
  @ApiOperation({ summary: "The case's domain event log, in order, seq from 1 without gaps" })
  @ApiResponse({ status: 200, schema: namedSchema('CaseEvents', caseEventsSchema) })
  @ApiErrors(403, 404)
  async events(
    @Req() request: AuthenticatedRequest,
    @Param('caseId') caseId: string,
  ): Promise<{ items: CaseEventItem[] }> {
    return { items: await this.views.events(request.caller, caseId) };
  }
}
