import { z } from 'zod';
import {
  BookPickupRequest,
  CreateShipmentRequest,
  ParcelStatus,
  PickupBooking,
  Shipment,
  Tracking,
} from './carrier.types';
import { CallOptions, ClientOptions, JsonHttpClient } from './json-http.client';

const parcelStatus: z.ZodType<ParcelStatus> = z.enum([
  'BOOKED',
  'CANCELLED',
  'PICKED_UP',
  'IN_TRANSIT',
  'DELIVERED',
  'EXCEPTION',
]);

const pickupResponse: z.ZodType<PickupBooking> = z.object({
  bookingId: z.string().min(1),
  caseId: z.string(),
  carrier: z.string(),
  trackingNumber: z.string().min(1),
  status: parcelStatus,
  bookedAt: z.string(),
  cancelledAt: z.string().optional(),
});

const shipmentResponse: z.ZodType<Shipment> = z.object({
  shipmentId: z.string().min(1),
  carrier: z.string(),
  trackingNumber: z.string().min(1),
  createdAt: z.string(),
});

const trackingResponse: z.ZodType<Tracking> = z.object({
  trackingNumber: z.string(),
  status: parcelStatus,
  scans: z.array(
    z.object({
      eventId: z.string(),
      event: z.enum(['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION']),
      occurredAt: z.string(),
    }),
  ),
});

/** The carrier: doorstep pickups for returns, outbound shipments, tracking. Scans arrive by webhook, not here. */
export class CarrierClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('carrier', options);
  }

  /** Books a pickup; a repeat with the same key returns the same booking and tracking number. */
  bookPickup(request: BookPickupRequest, options?: CallOptions): Promise<PickupBooking> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'bookPickup',
        method: 'POST',
        path: '/pickups',
        idempotencyKey,
        body,
        response: pickupResponse,
      },
      options,
    );
  }

  /**
   * Cancels a pickup (the compensation of a cancelled case); cancelling twice is fine. Throws
   * `PICKUP_ALREADY_COLLECTED` (non-retryable) once the parcel has been picked up.
   */
  cancelPickup(bookingId: string, options?: CallOptions): Promise<PickupBooking> {
    return this.http.send(
      {
        operation: 'cancelPickup',
        method: 'POST',
        path: `/pickups/${encodeURIComponent(bookingId)}/cancel`,
        response: pickupResponse,
      },
      options,
    );
  }

  /** Reads a pickup booking. */
  getPickup(bookingId: string, options?: CallOptions): Promise<PickupBooking> {
    return this.http.send(
      {
        operation: 'getPickup',
        method: 'GET',
        path: `/pickups/${encodeURIComponent(bookingId)}`,
        response: pickupResponse,
      },
      options,
    );
  }

  /** Sends an outbound parcel (replacement, supplier batch, repaired item); idempotent on the key. */
  createShipment(request: CreateShipmentRequest, options?: CallOptions): Promise<Shipment> {
    const { idempotencyKey, ...body } = request;
    return this.http.send(
      {
        operation: 'createShipment',
        method: 'POST',
        path: '/shipments',
        idempotencyKey,
        body,
        response: shipmentResponse,
      },
      options,
    );
  }

  /** Reads a parcel's scans. */
  getTracking(trackingNumber: string, options?: CallOptions): Promise<Tracking> {
    return this.http.send(
      {
        operation: 'getTracking',
        method: 'GET',
        path: `/tracking/${encodeURIComponent(trackingNumber)}`,
        response: trackingResponse,
      },
      options,
    );
  }
}
