import { randomUUID } from 'node:crypto';
import type { OrderInput } from '../../apps/sandbox/src/orders.schemas';
import type { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';

const DAY_MS = 86_400_000;

/** One line of a test order; every field has a default (a general item of 329.99 CNY). */
export type TestOrderLine = Partial<OrderInput['lines'][number]>;

/** What a test says of its order: the line(s) and any order field; the rest has defaults. */
export type TestOrder = Partial<Omit<OrderInput, 'lines'>> & { lines?: TestOrderLine[] };

/** An order placed in the sandbox's order system: its id and its lines' ids, in order. */
export interface PlacedOrder {
  orderId: string;
  lineIds: string[];
}

/**
 * Places an order of `who` in the sandbox's order system (contract v1.1: cases are opened against it):
 * paid three days ago, delivered yesterday, one general line of 329.99 CNY unless `order` says otherwise.
 */
export async function placeOrder(
  control: SandboxControlClient,
  who: { customerId: string; merchantId: string; supplierId?: string },
  order: TestOrder = {},
): Promise<PlacedOrder> {
  const now = Date.now();
  const { lines = [{}], ...fields } = order;
  const placed = await control.createOrder({
    orderId: `o-${randomUUID().slice(0, 12)}`,
    customerId: who.customerId,
    merchantId: who.merchantId,
    customerTier: 'STANDARD',
    paidAt: new Date(now - 3 * DAY_MS).toISOString(),
    deliveredAt: new Date(now - DAY_MS).toISOString(),
    shippingInsurance: false,
    ...fields,
    lines: lines.map((line, index) => ({
      sku: `sku-${index + 1}`,
      category: 'GENERAL',
      supplierId: who.supplierId ?? 's-e2e',
      warrantyMonths: 12,
      quantity: 1,
      unitPaid: { amount: 32999, currency: 'CNY' },
      ...line,
    })),
  });
  return { orderId: placed.orderId, lineIds: placed.lines.map((line) => line.lineId) };
}
