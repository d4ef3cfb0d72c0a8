import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors } from '../common/openapi-docs';
import { OrderAllowancesService, OrderAllowancesView } from './order-allowances.service';

const MONEY = {
  type: 'object',
  properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
};

/** `/v1/orders`: what an order's lines still allow. */
@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly allowances: OrderAllowancesService) {}

  @Get(':orderId/allowances')
  @Roles('customer', 'merchant', 'ops')
  @ApiOperation({
    summary: "What each line of the order still allows (the order's customer, its merchant, ops)",
    description:
      'Unit counts: `ordered`, `heldByOpenCases`, `returned` (consumed for good), `returnable`. Money: `paid`, ' +
      '`reserved` (refunds requested, not yet paid), `refunded`, `refundable`. The order comes from the order ' +
      'system: 404 `ORDER_NOT_FOUND`, 503 `ORDER_SYSTEM_UNAVAILABLE`.',
  })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              lineId: { type: 'string' },
              sku: { type: 'string' },
              ordered: { type: 'integer' },
              heldByOpenCases: { type: 'integer' },
              returned: { type: 'integer' },
              returnable: { type: 'integer' },
              paid: MONEY,
              reserved: MONEY,
              refunded: MONEY,
              refundable: MONEY,
            },
          },
        },
      },
    },
  })
  @ApiErrors(403, 404)
  allowancesOf(
    @Req() request: AuthenticatedRequest,
    @Param('orderId') orderId: string,
  ): Promise<OrderAllowancesView> {
    return this.allowances.forCaller(request.caller, orderId);
  }
}
