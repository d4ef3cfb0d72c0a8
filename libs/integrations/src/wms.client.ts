import { z } from 'zod';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';
import {
  ExpectedReturn,
  ExpectedReturnRequest,
  ReplacementShipment,
  ReserveStockRequest,
  ShipReplacementRequest,
  StockReservation,
} from './wms.types';

const expectedReturnResponse: z.ZodType<ExpectedReturn> = z.object({
  expectedReturnId: z.string().min(1),
  caseId: z.string(),
  warehouseId: z.string(),
  status: z.literal('EXPECTED'),
});

const reservationResponse: z.ZodType<StockReservation> = z.object({
  reservationId: z.string().min(1),
  sku: z.string(),
  quantity: z.number().int(),
  status: z.enum(['RESERVED', 'RELEASED', 'SHIPPED']),
});

const shipmentResponse: z.ZodType<ReplacementShipment> = z.object({
  shipmentId: z.string().min(1),
  reservationId: z.string(),
  carrier: z.string(),
  trackingNumber: z.string().min(1),
});

/** The warehouse management system: expected returns, stock for replacements, replacement shipments. */
export class WmsClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('wms', options);
  }

  /** Tells the warehouse to expect a return (so receipt and inspection can be matched to the case). */
  notifyExpectedReturn(request: ExpectedReturnRequest, options?: CallOptions): Promise<ExpectedReturn> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'notifyExpectedReturn',
        method: 'POST',
        path: '/expected-returns',
        idempotencyKey,
        body,
        response: expectedReturnResponse,
      },
      options,
    );
  }

  /** Holds stock for a replacement; throws `OUT_OF_STOCK` (non-retryable): fall back to a refund. */
  reserveStock(request: ReserveStockRequest, options?: CallOptions): Promise<StockReservation> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'reserveStock',
        method: 'POST',
        path: '/reservations',
        idempotencyKey,
        body,
        response: reservationResponse,
      },
      options,
    );
  }

  /** Gives held stock back (compensation); releasing twice is fine, releasing a shipped one is refused. */
  releaseReservation(reservationId: string, options?: CallOptions): Promise<StockReservation> {
    return this.http.send(
      {
        operation: 'releaseReservation',
        method: 'POST',
        path: `/reservations/${encodeURIComponent(reservationId)}/release`,
        response: reservationResponse,
      },
      options,
    );
  }

  /** Ships a reserved replacement; returns its tracking number. */
  shipReplacement(request: ShipReplacementRequest, options?: CallOptions): Promise<ReplacementShipment> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'shipReplacement',
        method: 'POST',
        path: '/shipments',
        idempotencyKey,
        body,
        response: shipmentResponse,
      },
      options,
    );
  }
}
