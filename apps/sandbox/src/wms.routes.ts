import { Router } from 'express';
import { z } from 'zod';
import { issueOutboundParcel } from './carrier.routes';
import { parseKeyedRequest, sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { parseInput, SandboxError } from './sandbox.errors';
import { addressSchema, idSchema, skuQuantitySchema } from './sandbox.schemas';
import { ExpectedReturnRecord, ReservationRecord, WmsShipmentRecord } from './sandbox.state';

const expectedReturnSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  warehouseId: idSchema.optional(),
  trackingNumber: idSchema.optional(),
  items: z.array(skuQuantitySchema).min(1),
});

const reservationSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema.optional(),
  sku: idSchema,
  quantity: z.number().int().positive(),
});

const shipmentSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  reservationId: idSchema,
  address: addressSchema,
});

const stockSchema = z.strictObject({ quantity: z.number().int().min(0) });

/** The warehouse: expected returns, stock reservations (409 `OUT_OF_STOCK`), release, replacement shipments. */
export function wmsRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('wms'));

  router.post('/expected-returns', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(expectedReturnSchema, req);
    const result = ctx.state.wms.expectedReturnsByKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      (): ExpectedReturnRecord => ({
        expectedReturnId: ctx.ids.next('er'),
        idempotencyKey,
        caseId: request.caseId,
        warehouseId: request.warehouseId ?? ctx.knobs.wms.warehouseId,
        ...(request.trackingNumber ? { trackingNumber: request.trackingNumber } : {}),
        items: request.items,
        status: 'EXPECTED',
        createdAt: ctx.now().toISOString(),
      }),
    );
    sendIdempotent(res, result, (expected) => ({ ...expected }));
  });

  router.post('/reservations', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(reservationSchema, req);
    const result = ctx.state.wms.reservationsByKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      () => reserveStock(ctx, idempotencyKey, request),
    );
    sendIdempotent(res, result, (reservation) => ({ ...reservation }));
  });

  router.get('/reservations/:reservationId', (req, res) => {
    res.json({ ...findReservation(ctx, req.params.reservationId as string) });
  });

  router.post('/reservations/:reservationId/release', (req, res) => {
    const reservation = releaseReservation(ctx, req.params.reservationId as string);
    res.json({ ...reservation });
  });

  router.post('/shipments', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(shipmentSchema, req);
    const result = ctx.state.wms.shipmentsByKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      () => shipReservation(ctx, idempotencyKey, request),
    );
    sendIdempotent(res, result, (shipment) => ({ ...shipment }));
  });

  router.get('/stock/:sku', (req, res) => {
    const sku = req.params.sku as string;
    res.json({ sku, available: stockOf(ctx, sku) });
  });
  return router;
}

/** `PUT /_sandbox/wms/stock/:sku` `{ quantity }`: sets a SKU's available stock (e.g. 0 for out-of-stock tests). */
export function wmsControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.put('/stock/:sku', (req, res) => {
    const sku = parseInput(z.string().trim().min(1), req.params.sku, 'sku');
    const { quantity } = parseInput(stockSchema, req.body);
    ctx.state.wms.stock.set(sku, quantity);
    res.json({ sku, available: quantity });
  });
  return router;
}

function stockOf(ctx: SandboxContext, sku: string): number {
  return ctx.state.wms.stock.get(sku) ?? ctx.knobs.wms.defaultStock;
}

function findReservation(ctx: SandboxContext, reservationId: string): ReservationRecord {
  const reservation = ctx.state.wms.reservations.get(reservationId);
  if (!reservation) throw SandboxError.notFound('RESERVATION_NOT_FOUND', `no reservation ${reservationId}`);
  return reservation;
}

/** Reserves stock of one SKU (409 `OUT_OF_STOCK` when too little is left). */
function reserveStock(
  ctx: SandboxContext,
  idempotencyKey: string,
  request: z.infer<typeof reservationSchema>,
): ReservationRecord {
  const available = stockOf(ctx, request.sku);
  if (available < request.quantity) {
    throw SandboxError.conflict(
      'OUT_OF_STOCK',
      `sku ${request.sku}: ${available} available, ${request.quantity} requested`,
    );
  }
  ctx.state.wms.stock.set(request.sku, available - request.quantity);
  const reservation: ReservationRecord = {
    reservationId: ctx.ids.next('rs'),
    idempotencyKey,
    ...(request.caseId ? { caseId: request.caseId } : {}),
    sku: request.sku,
    quantity: request.quantity,
    status: 'RESERVED',
    createdAt: ctx.now().toISOString(),
  };
  ctx.state.wms.reservations.set(reservation.reservationId, reservation);
  return reservation;
}

/** Releases a reservation (its stock comes back once; a shipped one cannot be released). */
function releaseReservation(ctx: SandboxContext, reservationId: string): ReservationRecord {
  const reservation = findReservation(ctx, reservationId);
  if (reservation.status === 'SHIPPED') {
    throw SandboxError.conflict(
      'RESERVATION_ALREADY_SHIPPED',
      `reservation ${reservation.reservationId} was shipped and cannot be released`,
    );
  }
  // Releasing twice returns the stock once.
  if (reservation.status === 'RESERVED') {
    reservation.status = 'RELEASED';
    ctx.state.wms.stock.set(reservation.sku, stockOf(ctx, reservation.sku) + reservation.quantity);
  }
  return reservation;
}

/** Ships a reserved replacement with an outbound parcel of the carrier. */
function shipReservation(
  ctx: SandboxContext,
  idempotencyKey: string,
  request: z.infer<typeof shipmentSchema>,
): WmsShipmentRecord {
  const reservation = findReservation(ctx, request.reservationId);
  if (ctx.knobs.wms.refusePlaceholderAddresses && !/\d/.test(request.address.phone)) {
    throw new SandboxError(
      422,
      'ADDRESS_UNDELIVERABLE',
      `no courier can deliver to "${request.address.line1}" (phone "${request.address.phone}")`,
    );
  }
  if (reservation.status !== 'RESERVED') {
    throw SandboxError.conflict(
      reservation.status === 'SHIPPED' ? 'RESERVATION_ALREADY_SHIPPED' : 'RESERVATION_RELEASED',
      `reservation ${reservation.reservationId} is ${reservation.status}`,
    );
  }
  reservation.status = 'SHIPPED';
  const shipmentId = ctx.ids.next('ws');
  return {
    shipmentId,
    idempotencyKey,
    caseId: request.caseId,
    reservationId: reservation.reservationId,
    carrier: ctx.knobs.carrier.name,
    trackingNumber: issueOutboundParcel(ctx, shipmentId, request.caseId),
    createdAt: ctx.now().toISOString(),
  };
}
