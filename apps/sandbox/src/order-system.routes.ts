import { Router } from 'express';
import { z } from 'zod';
import { SandboxContext } from './sandbox.context';
import { parseInput, SandboxError } from './sandbox.errors';
import { Money } from './sandbox.schemas';
import {
  cataloguePriceSchema,
  OrderInput,
  orderInputSchema,
  OrderLineRecord,
  OrderRecord,
} from './orders.schemas';

/**
 * The order system, the source of truth of what was bought: `GET /orders/:orderId` (404
 * `ORDER_NOT_FOUND`) and `GET /catalogue/:sku`, the current price (404 `NO_CURRENT_PRICE`).
 * Its faults are those of the `orders` service.
 */
export function orderSystemRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('orders'));

  router.get('/orders/:orderId', (req, res) => {
    const order = ctx.state.orders.byId.get(req.params.orderId as string);
    if (!order) throw SandboxError.notFound('ORDER_NOT_FOUND', `no order ${req.params.orderId}`);
    res.json(copyOrder(order));
  });

  router.get('/catalogue/:sku', (req, res) => {
    const sku = req.params.sku as string;
    const price = ctx.state.orders.catalogue.get(sku);
    if (!price) throw SandboxError.notFound('NO_CURRENT_PRICE', `no current price for sku ${sku}`);
    res.json({ sku, price: { ...price } });
  });
  return router;
}

/**
 * `POST /_sandbox/orders` (201 the stored order, ids generated when left out; an existing `orderId` →
 * 409 `ORDER_EXISTS`) and `PUT /_sandbox/catalogue/:sku` `{ price }`.
 */
export function orderSystemControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/orders', (req, res) => {
    res.status(201).json(copyOrder(createOrder(ctx, req.body)));
  });
  router.put('/catalogue/:sku', (req, res) => {
    const sku = parseInput(z.string().trim().min(1).max(200), req.params.sku, 'sku');
    const { price } = parseInput(cataloguePriceSchema, req.body);
    setCataloguePrice(ctx, sku, price);
    res.json({ sku, price });
  });
  return router;
}

/** Validates and stores an order; throws a 400 naming bad fields or a 409 for an order id already used. */
export function createOrder(ctx: SandboxContext, body: unknown): OrderRecord {
  const input = parseInput(orderInputSchema, body);
  const orderId = input.orderId ?? ctx.ids.next('o');
  if (ctx.state.orders.byId.has(orderId)) {
    throw SandboxError.conflict('ORDER_EXISTS', `order ${orderId} already exists`);
  }
  const order: OrderRecord = {
    orderId,
    customerId: input.customerId,
    merchantId: input.merchantId,
    customerTier: input.customerTier ?? 'STANDARD',
    paidAt: new Date(input.paidAt).toISOString(),
    deliveredAt: input.deliveredAt ? new Date(input.deliveredAt).toISOString() : null,
    shippingInsurance: input.shippingInsurance ?? false,
    shipTo: input.shipTo ?? null,
    lines: withLineIds(orderId, input.lines),
  };
  ctx.state.orders.byId.set(orderId, order);
  return order;
}

/** Sets the current catalogue price of a SKU (what price protection compares against). */
export function setCataloguePrice(ctx: SandboxContext, sku: string, price: Money): void {
  ctx.state.orders.catalogue.set(sku, { ...price });
}

/** Fills in line defaults and ids: `<orderId>-<n>`, skipping ids the caller chose for other lines. */
function withLineIds(orderId: string, lines: z.infer<typeof orderInputSchema>['lines']): OrderLineRecord[] {
  const taken = new Set(lines.flatMap((line) => (line.lineId ? [line.lineId] : [])));
  let next = 0;
  const freshId = () => {
    let candidate: string;
    do {
      next += 1;
      candidate = `${orderId}-${next}`;
    } while (taken.has(candidate));
    taken.add(candidate);
    return candidate;
  };
  return lines.map((line) => ({
    lineId: line.lineId ?? freshId(),
    sku: line.sku,
    category: line.category,
    supplierId: line.supplierId,
    warrantyMonths: line.warrantyMonths ?? 0,
    portable: line.portable ?? false,
    quantity: line.quantity,
    unitPaid: { ...line.unitPaid },
  }));
}

/** A deep copy, so a caller holding an answer cannot change the stored order. */
function copyOrder(order: OrderRecord): OrderRecord {
  return structuredClone(order);
}

/** Stores the start options' orders and prices (at creation and after every reset). */
export function seedOrderSystem(
  ctx: SandboxContext,
  orders: readonly OrderInput[],
  catalogue: Readonly<Record<string, Money>>,
): void {
  for (const order of orders) createOrder(ctx, order);
  for (const [sku, price] of Object.entries(catalogue)) setCataloguePrice(ctx, sku, price);
}
