import { PostalAddress } from './address.types';

/** A SKU and how many units of it. */
export interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** Tells the warehouse a return is on its way. */
export interface ExpectedReturnRequest {
  idempotencyKey: string;
  caseId: string;
  warehouseId?: string;
  trackingNumber?: string;
  items: SkuQuantity[];
}

/** The warehouse's note of an expected return. */
export interface ExpectedReturn {
  expectedReturnId: string;
  caseId: string;
  warehouseId: string;
  status: 'EXPECTED';
}

/** Stock to hold for a replacement. */
export interface ReserveStockRequest {
  idempotencyKey: string;
  caseId?: string;
  sku: string;
  quantity: number;
}

/** Stock held (`RESERVED`), given back (`RELEASED`) or sent (`SHIPPED`). */
export interface StockReservation {
  reservationId: string;
  sku: string;
  quantity: number;
  status: 'RESERVED' | 'RELEASED' | 'SHIPPED';
}

/** Ships a reserved replacement to the customer. */
export interface ShipReplacementRequest {
  idempotencyKey: string;
  caseId: string;
  reservationId: string;
  address: PostalAddress;
}

/** A replacement on its way. */
export interface ReplacementShipment {
  shipmentId: string;
  reservationId: string;
  carrier: string;
  trackingNumber: string;
}
