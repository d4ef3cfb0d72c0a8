import {
  ExpectedReturn,
  PostalAddress,
  ReplacementShipment,
  SkuQuantity,
  StockReservation,
  WmsClient,
} from '../libs/integrations/src';
import { callExternal } from './activity-failure';

/** Warehouse (WMS) activities: expected returns, stock reservation and replacement shipping. */
export function createWarehouseActivities(wms: WmsClient) {
  return {
    /** Tells the warehouse a return is on its way, so receipt and inspection can be planned. */
    async notifyExpectedReturn(input: {
      caseId: string;
      idempotencyKey: string;
      trackingNumber?: string;
      items: SkuQuantity[];
    }): Promise<ExpectedReturn> {
      return callExternal((signal) => wms.notifyExpectedReturn(input, { signal }));
    },

    /** Reserves a replacement unit; fails non-retryably with `OUT_OF_STOCK` when there is none. */
    async reserveStock(input: {
      caseId: string;
      idempotencyKey: string;
      sku: string;
      quantity: number;
    }): Promise<StockReservation> {
      return callExternal((signal) => wms.reserveStock(input, { signal }));
    },

    /** Compensation of `reserveStock`: gives the unit back. */
    async releaseReservation(input: { reservationId: string }): Promise<StockReservation> {
      return callExternal((signal) => wms.releaseReservation(input.reservationId, { signal }));
    },

    /** Ships a reserved replacement to the customer. */
    async shipReplacement(input: {
      caseId: string;
      idempotencyKey: string;
      reservationId: string;
      address: PostalAddress;
    }): Promise<ReplacementShipment> {
      return callExternal((signal) => wms.shipReplacement(input, { signal }));
    },
  };
}

/** The warehouse activities' interface, for the workflow's proxy. */
export type WarehouseActivities = ReturnType<typeof createWarehouseActivities>;
