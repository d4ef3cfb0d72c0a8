import { HttpStatus } from '@nestjs/common';
import {
  createIntegrationClients,
  integrationsConfigFromEnv,
  IntegrationError,
  NoCurrentPriceError,
  Order,
  OrderNotFoundError,
  OrderSystemClient,
} from '../../../../libs/integrations/src';
import { ApiError } from '../common/api-error';

/** Injection token of the order system's client (`ORDER_SYSTEM_URL`, default the sandbox). */
export const ORDER_SYSTEM = Symbol('ORDER_SYSTEM');

/** The order system's client, configured from `env` like the worker's clients. */
export function orderSystemFromEnv(env: Readonly<Record<string, string | undefined>>): OrderSystemClient {
  return createIntegrationClients(integrationsConfigFromEnv(env)).orderSystem;
}

/**
 * The order system's errors as API.md's answers: an unknown order 404 `ORDER_NOT_FOUND`, a SKU without a
 * catalogue price 422 `NO_CURRENT_PRICE`, any other failure (down, slow, 5xx, a broken answer) 503
 * `ORDER_SYSTEM_UNAVAILABLE`. Anything else is rethrown.
 */
export function orderSystemError(error: unknown): unknown {
  if (error instanceof OrderNotFoundError) {
    return new ApiError(HttpStatus.NOT_FOUND, 'ORDER_NOT_FOUND', error.message);
  }
  if (error instanceof NoCurrentPriceError) {
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'NO_CURRENT_PRICE', error.message);
  }
  if (error instanceof IntegrationError) {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'ORDER_SYSTEM_UNAVAILABLE',
      `the order system cannot be asked now (${error.message}); nothing was stored, try again`,
    );
  }
  return error;
}

/** The order, or the API's answer for why it cannot be had. */
export async function fetchOrder(orders: OrderSystemClient, orderId: string): Promise<Order> {
  try {
    return await orders.getOrder(orderId);
  } catch (error) {
    throw orderSystemError(error);
  }
}

/** 403 `FORBIDDEN` unless the caller may act on the order: a customer on their own, a merchant on their shop's. */
export function assertOrderAccess(
  caller: { role: string; customerId?: string; merchantId?: string },
  order: Pick<Order, 'customerId' | 'merchantId'>,
): void {
  const other =
    (caller.role === 'customer' && caller.customerId !== order.customerId) ||
    (caller.role === 'merchant' && caller.merchantId !== order.merchantId);
  if (other) {
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'FORBIDDEN',
      caller.role === 'customer' ? 'this order belongs to another customer' : "this order is another shop's",
    );
  }
}
