/** A carrier scan of the return parcel (API.md). */
export const CARRIER_SCANS = ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION'] as const;
/** A carrier scan of the return parcel. */
export type CarrierScan = (typeof CARRIER_SCANS)[number];

/** A carrier scan of the return parcel. */
export interface CarrierScanRecordedData {
  eventId: string;
  trackingNumber: string;
  scan: CarrierScan;
  /** The carrier's `occurredAt`: recorded for display, never a clock's start. */
  scannedAt: string;
  /** Set by a DELIVERED scan: the warehouse must inspect by then. */
  inspectBy: string | null;
  /** Added (v1.1): when the API received the scan (the service's clock); absent in scans recorded before. */
  receivedAt?: string;
  /** Added (v1.1): the scan came out of order (DELIVERED without an earlier PICKED_UP, a scan behind the parcel). */
  outOfOrder?: boolean;
}

/** The warehouse scanned the return parcel at its dock (签收入库): the case goes to inspection. */
export interface WarehouseReceiptRecordedData {
  receiptId: string;
  warehouseId: string;
  trackingNumber: string;
  /** When the API received the receipt (the service's clock). */
  receivedAt: string;
  /** The inspect-by clock this receipt started (null when a DELIVERED scan started it before). */
  inspectBy: string | null;
}
