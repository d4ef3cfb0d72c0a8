import { z } from 'zod';
import { moneySchema } from '../cases/case-view.schema';
import { namedSchema } from '../common/openapi-components';

// The answer of the orders endpoint as an OpenAPI component (a generated client types it).

/** What each line of an order still allows (the service's OrderAllowancesView). */
export const orderAllowancesSchema = z.object({
  orderId: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      sku: z.string(),
      ordered: z.int(),
      heldByOpenCases: z.int().describe('Units held by open cases.'),
      returned: z.int().describe('Units consumed for good.'),
      returnable: z.int(),
      paid: moneySchema,
      reserved: moneySchema.describe('Refunds requested, not yet paid.'),
      refunded: moneySchema,
      refundable: moneySchema,
    }),
  ),
});

/** `GET /v1/orders/{orderId}/allowances`: unit counts and money of each line of the order. */
export const ORDER_ALLOWANCES_SCHEMA = namedSchema('OrderAllowances', orderAllowancesSchema);
