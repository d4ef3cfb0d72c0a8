import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { ApiErrors } from '../common/openapi-docs';
import { OrderAllowancesService, OrderAllowancesView } from './order-allowances.service';
import { ORDER_ALLOWANCES_SCHEMA } from './orders.responses';

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
  @ApiResponse({ status: 200, schema: ORDER_ALLOWANCES_SCHEMA })
  @ApiErrors(403, 404)
  allowancesOf(
    @Req() request: AuthenticatedRequest,
    @Param('orderId') orderId: string,
  ): Promise<OrderAllowancesView> {
    return this.allowances.forCaller(request.caller, orderId);
  }
}
