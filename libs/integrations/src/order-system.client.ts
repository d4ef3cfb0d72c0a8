import { z } from 'zod';
import {
  ExternalSystemRejectedError,
  INTEGRATION_ERROR_CODES,
  IntegrationErrorContext,
} from './integration.errors';
import { CallOptions, ClientOptions, JsonCall, JsonHttpClient } from './json-http.client';
import { NoCurrentPriceError, ORDER_SYSTEM_ERROR_CODES, OrderNotFoundError } from './order-system.errors';
import {
  CataloguePrice,
  Order,
  ORDER_CATEGORIES,
  ORDER_CUSTOMER_TIERS,
  OrderLine,
} from './order-system.types';

/** Money the order system reports: whole minor units, never negative. */
const amountResponse = z.object({
  amount: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

const timestamp = z.iso.datetime({ offset: true });

const lineResponse: z.ZodType<OrderLine> = z.object({
  lineId: z.string().min(1),
  sku: z.string().min(1),
  category: z.enum(ORDER_CATEGORIES),
  supplierId: z.string().min(1),
  warrantyMonths: z.number().int().min(0),
  portable: z.boolean(),
  quantity: z.number().int().min(1),
  unitPaid: amountResponse,
});

const addressResponse = z.looseObject({
  name: z.string().min(1),
  phone: z.string().min(1),
  line1: z.string().min(1),
  city: z.string().min(1),
});

const orderResponse: z.ZodType<Order> = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  merchantId: z.string().min(1),
  customerTier: z.enum(ORDER_CUSTOMER_TIERS),
  paidAt: timestamp,
  deliveredAt: timestamp.nullable(),
  shippingInsurance: z.boolean(),
  shipTo: addressResponse.nullable(),
  lines: z
    .array(lineResponse)
    .min(1)
    .refine((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length, {
      message: 'line ids must be unique',
    }),
});

const priceResponse: z.ZodType<CataloguePrice> = z.object({ sku: z.string().min(1), price: amountResponse });

/**
 * The order system, the source of truth of what was bought and paid. An unknown order is an
 * {@link OrderNotFoundError}, a SKU without a price a {@link NoCurrentPriceError} (both not retryable);
 * outages, 5xx and timeouts are the retryable errors of every client; an answer for another order or SKU
 * than asked is a bad response.
 */
export class OrderSystemClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('order-system', options);
  }

  /** The order with its lines, customer, merchant, tier, dates, insurance and ship-to address. */
  async getOrder(orderId: string, options?: CallOptions): Promise<Order> {
    const call: JsonCall<Order> = {
      operation: 'getOrder',
      method: 'GET',
      path: `/orders/${encodeURIComponent(orderId)}`,
      response: orderResponse.refine((order) => order.orderId === orderId, {
        message: `expected order ${orderId}`,
        path: ['orderId'],
      }),
    };
    return this.sendMappingNotFound(call, ORDER_SYSTEM_ERROR_CODES.orderNotFound, options, (context) => {
      return new OrderNotFoundError(orderId, context);
    });
  }

  /** The SKU's current catalogue price. */
  async getCurrentPrice(sku: string, options?: CallOptions): Promise<CataloguePrice> {
    const call: JsonCall<CataloguePrice> = {
      operation: 'getCurrentPrice',
      method: 'GET',
      path: `/catalogue/${encodeURIComponent(sku)}`,
      response: priceResponse.refine((price) => price.sku === sku, {
        message: `expected sku ${sku}`,
        path: ['sku'],
      }),
    };
    return this.sendMappingNotFound(call, ORDER_SYSTEM_ERROR_CODES.noCurrentPrice, options, (context) => {
      return new NoCurrentPriceError(sku, context);
    });
  }

  /**
   * A 404 naming `expectedCode` (or naming no code) becomes the typed error; a 404 with another code
   * (a wrong `ORDER_SYSTEM_URL` answering `ROUTE_NOT_FOUND`) stays a plain refusal, so a misconfigured
   * URL is never mistaken for "no such order".
   */
  private async sendMappingNotFound<T>(
    call: JsonCall<T>,
    expectedCode: string,
    options: CallOptions | undefined,
    typed: (context: IntegrationErrorContext) => Error,
  ): Promise<T> {
    try {
      return await this.http.send(call, options);
    } catch (error) {
      if (
        error instanceof ExternalSystemRejectedError &&
        error.httpStatus === 404 &&
        (error.code === expectedCode || error.code === INTEGRATION_ERROR_CODES.rejected)
      ) {
        throw typed({ system: error.system, operation: error.operation, httpStatus: 404, cause: error });
      }
      throw error;
    }
  }
}
