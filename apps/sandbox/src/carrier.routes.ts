import { Router } from 'express';
import { z } from 'zod';
import { parseKeyedRequest, sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { parseInput, SandboxError } from './sandbox.errors';
import { addressSchema, idSchema } from './sandbox.schemas';
import { CarrierScanEvent, ParcelRecord, PickupRecord, ShipmentRecord } from './sandbox.state';
import { WebhookDelivery } from './webhook-sender';

const SCAN_EVENTS = ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION'] as const;

const pickupRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  address: addressSchema,
  /** Free text such as "2026-11-05 09:00-12:00"; the sandbox does not plan rounds. */
  window: z.string().max(100).optional(),
});

const shipmentRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema.optional(),
  purpose: z.enum(['REPLACEMENT', 'SUPPLIER_BATCH', 'REPAIR_RETURN', 'OTHER']),
  destination: addressSchema,
  /** The caller's reference, e.g. a supplier batch id. */
  reference: idSchema.optional(),
});

const scanRequestSchema = z.strictObject({
  trackingNumber: idSchema,
  event: z.enum(SCAN_EVENTS),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  /** Lets a test send the same event twice on purpose. */
  eventId: idSchema.optional(),
});

/** The carrier: pickups (`POST /pickups`, `GET /pickups/:id`, `POST /pickups/:id/cancel`), shipments, tracking. */
export function carrierRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('carrier'));

  router.post('/pickups', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(pickupRequestSchema, req);
    const result = ctx.state.carrier.pickupsByKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      () => bookPickup(ctx, idempotencyKey, request),
    );
    sendIdempotent(res, result, pickupView(ctx));
  });

  router.get('/pickups/:bookingId', (req, res) => {
    res.json(pickupView(ctx)(findPickup(ctx, req.params.bookingId as string)));
  });

  router.post('/pickups/:bookingId/cancel', (req, res) => {
    const pickup = findPickup(ctx, req.params.bookingId as string);
    const parcel = ctx.state.carrier.parcels.get(pickup.trackingNumber);
    if (parcel && parcel.status !== 'BOOKED' && parcel.status !== 'CANCELLED') {
      throw SandboxError.conflict(
        'PICKUP_ALREADY_COLLECTED',
        `pickup ${pickup.bookingId} cannot be cancelled: the parcel is ${parcel.status}`,
      );
    }
    // Cancelling twice is a no-op that answers the same, so a retried compensation is safe.
    if (parcel) parcel.status = 'CANCELLED';
    pickup.cancelledAt ??= ctx.now().toISOString();
    res.json(pickupView(ctx)(pickup));
  });

  router.post('/shipments', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(shipmentRequestSchema, req);
    const result = ctx.state.carrier.shipmentsByKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      (): ShipmentRecord => {
        const shipment: ShipmentRecord = {
          shipmentId: ctx.ids.next('sh'),
          idempotencyKey,
          ...(request.caseId ? { caseId: request.caseId } : {}),
          purpose: request.purpose,
          carrier: ctx.knobs.carrier.name,
          trackingNumber: ctx.ids.trackingNumber(),
          createdAt: ctx.now().toISOString(),
        };
        registerParcel(ctx, shipment.trackingNumber, 'SHIPMENT', shipment.shipmentId, request.caseId);
        return shipment;
      },
    );
    sendIdempotent(res, result, (shipment) => ({ ...shipment }));
  });

  router.get('/tracking/:trackingNumber', (req, res) => {
    const parcel = ctx.state.carrier.parcels.get(req.params.trackingNumber as string);
    if (!parcel) throw SandboxError.notFound('TRACKING_NOT_FOUND', `no parcel ${req.params.trackingNumber}`);
    res.json({ ...parcel, scans: [...parcel.scans] });
  });
  return router;
}

/** `POST /_sandbox/carrier/scans`: makes the carrier report a scan to the API's webhook. */
export function carrierControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/scans', async (req, res) => {
    const scan = parseInput(scanRequestSchema, req.body);
    const result = await emitScan(ctx, scan.trackingNumber, scan.event, scan.occurredAt, scan.eventId);
    res.json(result);
  });
  return router;
}

/** What a scan did: the event as sent, and how the webhook delivery went (absent when no webhook is set). */
export interface ScanResult {
  eventId: string;
  trackingNumber: string;
  event: CarrierScanEvent;
  occurredAt: string;
  delivery: WebhookDelivery | null;
}

/**
 * Records a scan on the parcel (unknown tracking numbers are allowed: a self-shipped return carries
 * a number the sandbox never issued) and posts it to the carrier webhook.
 */
export async function emitScan(
  ctx: SandboxContext,
  trackingNumber: string,
  event: CarrierScanEvent,
  occurredAt?: string,
  eventId?: string,
): Promise<ScanResult> {
  const parcel = ctx.state.carrier.parcels.get(trackingNumber);
  if (parcel?.status === 'CANCELLED') {
    throw SandboxError.conflict('PICKUP_CANCELLED', `parcel ${trackingNumber} belongs to a cancelled pickup`);
  }
  const scan = {
    eventId: eventId ?? ctx.ids.next('scan'),
    trackingNumber,
    event,
    occurredAt: occurredAt ?? ctx.now().toISOString(),
  };
  if (parcel) {
    parcel.status = event;
    parcel.scans.push({ eventId: scan.eventId, event, occurredAt: scan.occurredAt });
  }
  const { carrierUrl, carrierToken } = ctx.knobs.webhooks;
  const delivery = carrierUrl ? await ctx.webhooks.post(carrierUrl, carrierToken, scan) : null;
  return { ...scan, delivery };
}

function bookPickup(
  ctx: SandboxContext,
  idempotencyKey: string,
  request: z.infer<typeof pickupRequestSchema>,
): PickupRecord {
  const pickup: PickupRecord = {
    bookingId: ctx.ids.next('bk'),
    idempotencyKey,
    caseId: request.caseId,
    carrier: ctx.knobs.carrier.name,
    trackingNumber: ctx.ids.trackingNumber(),
    address: request.address,
    bookedAt: ctx.now().toISOString(),
  };
  ctx.state.carrier.pickups.set(pickup.bookingId, pickup);
  registerParcel(ctx, pickup.trackingNumber, 'PICKUP', pickup.bookingId, pickup.caseId);
  if (ctx.knobs.carrier.autoProgress) scheduleAutoProgress(ctx, pickup.trackingNumber);
  return pickup;
}

/** PICKED_UP, IN_TRANSIT, DELIVERED one after another; stops if the pickup is cancelled or the sandbox reset. */
function scheduleAutoProgress(ctx: SandboxContext, trackingNumber: string): void {
  const state = ctx.state;
  const { pickedUpAfterMs, inTransitAfterMs, deliveredAfterMs } = ctx.knobs.carrier;
  const steps: [CarrierScanEvent, number][] = [
    ['PICKED_UP', pickedUpAfterMs],
    ['IN_TRANSIT', inTransitAfterMs],
    ['DELIVERED', deliveredAfterMs],
  ];
  const next = (index: number) => {
    const step = steps[index];
    if (!step) return;
    ctx.scheduler.schedule(step[1], async () => {
      const parcel = state.carrier.parcels.get(trackingNumber);
      if (ctx.state !== state || !parcel || parcel.status === 'CANCELLED') return;
      await emitScan(ctx, trackingNumber, step[0]);
      next(index + 1);
    });
  };
  next(0);
}

function registerParcel(
  ctx: SandboxContext,
  trackingNumber: string,
  kind: ParcelRecord['kind'],
  reference: string,
  caseId: string | undefined,
): void {
  ctx.state.carrier.parcels.set(trackingNumber, {
    trackingNumber,
    kind,
    reference,
    ...(caseId ? { caseId } : {}),
    status: 'BOOKED',
    scans: [],
  });
}

function findPickup(ctx: SandboxContext, bookingId: string): PickupRecord {
  const pickup = ctx.state.carrier.pickups.get(bookingId);
  if (!pickup) throw SandboxError.notFound('BOOKING_NOT_FOUND', `no pickup booking ${bookingId}`);
  return pickup;
}

function pickupView(ctx: SandboxContext): (pickup: PickupRecord) => unknown {
  return (pickup) => ({
    ...pickup,
    status: ctx.state.carrier.parcels.get(pickup.trackingNumber)?.status ?? 'BOOKED',
  });
}

/** Issues an outbound parcel for another played system (the WMS ships replacements through the carrier). */
export function issueOutboundParcel(ctx: SandboxContext, reference: string, caseId?: string): string {
  const trackingNumber = ctx.ids.trackingNumber();
  registerParcel(ctx, trackingNumber, 'SHIPMENT', reference, caseId);
  return trackingNumber;
}
