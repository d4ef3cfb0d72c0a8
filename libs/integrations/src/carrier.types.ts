import { PostalAddress } from './address.types';

/** A doorstep pickup (上门取件) to book. */
export interface BookPickupRequest {
  idempotencyKey: string;
  caseId: string;
  address: PostalAddress;
  /** Free text such as "2026-11-05 09:00-12:00". */
  window?: string;
}

/** Where a parcel is, in carrier terms. */
export type ParcelStatus = 'BOOKED' | 'CANCELLED' | 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'EXCEPTION';

/** A pickup booking; its tracking number follows the return to the warehouse. */
export interface PickupBooking {
  bookingId: string;
  caseId: string;
  carrier: string;
  trackingNumber: string;
  status: ParcelStatus;
  bookedAt: string;
  cancelledAt?: string;
}

/** Why an outbound parcel is sent. */
export type ShipmentPurpose = 'REPLACEMENT' | 'SUPPLIER_BATCH' | 'REPAIR_RETURN' | 'OTHER';

/** An outbound parcel to send. */
export interface CreateShipmentRequest {
  idempotencyKey: string;
  caseId?: string;
  purpose: ShipmentPurpose;
  destination: PostalAddress;
  /** The caller's reference, e.g. a supplier batch id. */
  reference?: string;
}

/** An outbound parcel the carrier took on. */
export interface Shipment {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  createdAt: string;
}

/** A parcel's scans so far. */
export interface Tracking {
  trackingNumber: string;
  status: ParcelStatus;
  scans: {
    eventId: string;
    event: 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'EXCEPTION';
    occurredAt: string;
  }[];
}
