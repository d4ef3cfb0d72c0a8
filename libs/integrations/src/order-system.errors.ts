import { ExternalSystemRejectedError, IntegrationErrorContext } from './integration.errors';

/** Codes of the order system's typed refusals. */
export const ORDER_SYSTEM_ERROR_CODES = {
  orderNotFound: 'ORDER_NOT_FOUND',
  noCurrentPrice: 'NO_CURRENT_PRICE',
} as const;

/** The order system does not know the order (a 404): not retryable; the API answers 404 `ORDER_NOT_FOUND`. */
export class OrderNotFoundError extends ExternalSystemRejectedError {
  override readonly name: string = 'OrderNotFoundError';

  constructor(
    readonly orderId: string,
    context: IntegrationErrorContext,
  ) {
    super(ORDER_SYSTEM_ERROR_CODES.orderNotFound, `order ${orderId} is unknown to the order system`, context);
  }
}

/** The catalogue has no current price for the SKU (a 404): not retryable; the API answers 422 `NO_CURRENT_PRICE`. */
export class NoCurrentPriceError extends ExternalSystemRejectedError {
  override readonly name: string = 'NoCurrentPriceError';

  constructor(
    readonly sku: string,
    context: IntegrationErrorContext,
  ) {
    super(
      ORDER_SYSTEM_ERROR_CODES.noCurrentPrice,
      `the catalogue has no current price for sku ${sku}`,
      context,
    );
  }
}
