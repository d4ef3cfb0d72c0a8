import { OrderInput } from './orders.schemas';
import { Money } from './sandbox.schemas';

/** The orders and catalogue prices a sandbox of `npm run dev` starts with (and returns to on reset). */
export interface DevOrderSeed {
  orders: OrderInput[];
  catalogue: Record<string, Money>;
}

/** The dev identities of `scripts/dev-tokens.ts` that own the seeded orders. */
export const DEV_ORDER_OWNERS = { customerId: 'c-1', merchantId: 'm-1', supplierId: 's-1' } as const;

const DAY_MS = 24 * 3_600_000;
const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

/** Current prices of the seeded SKUs, in fen: the phone and the headset got cheaper since they were bought. */
const DEV_CATALOGUE: Record<string, number> = {
  'PHONE-X1': 369_900,
  'CASE-X1': 4_900,
  'TSHIRT-M': 9_900,
  'MANGO-BOX': 9_900,
  'LAPTOP-P14': 699_900,
  'NAME-MUG': 5_900,
  'HEADSET-Q': 25_900,
};

/**
 * A few orders of the dev customer `c-1` at the dev merchant `m-1`, dated relative to `now` so they stay
 * inside their return windows: both customer tiers, the categories that take different rules (electronics
 * with a defect window and warranty, general goods, fresh food, custom-made), a SKU with a lower current
 * price (price protection) and one delivered long ago (warranty repair only).
 */
export function devOrderSeed(now: Date): DevOrderSeed {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const { customerId, merchantId, supplierId } = DEV_ORDER_OWNERS;
  const shipTo = { name: 'Li Lei', phone: '13800000000', line1: '1 Renmin Rd', city: 'Hangzhou' };
  const order = (orderId: string, fields: Omit<OrderInput, 'customerId' | 'merchantId' | 'orderId'>) => ({
    orderId,
    customerId,
    merchantId,
    shipTo,
    ...fields,
  });
  const line = (lineId: string, sku: string, category: OrderInput['lines'][number]['category']) => ({
    lineId,
    sku,
    category,
    supplierId,
  });
  return {
    orders: [
      order('o-dev-1', {
        customerTier: 'STANDARD',
        paidAt: daysAgo(5),
        deliveredAt: daysAgo(3),
        shippingInsurance: true,
        lines: [
          {
            ...line('o-dev-1-1', 'PHONE-X1', 'ELECTRONICS'),
            portable: true,
            warrantyMonths: 12,
            quantity: 1,
            unitPaid: cny(399_900),
          },
          { ...line('o-dev-1-2', 'CASE-X1', 'GENERAL'), quantity: 2, unitPaid: cny(4_900) },
        ],
      }),
      order('o-dev-2', {
        customerTier: 'TRUSTED',
        paidAt: daysAgo(3),
        deliveredAt: daysAgo(1),
        lines: [
          { ...line('o-dev-2-1', 'TSHIRT-M', 'GENERAL'), quantity: 3, unitPaid: cny(9_900) },
          { ...line('o-dev-2-2', 'MANGO-BOX', 'FRESH'), quantity: 1, unitPaid: cny(9_900) },
        ],
      }),
      order('o-dev-3', {
        customerTier: 'STANDARD',
        paidAt: daysAgo(62),
        deliveredAt: daysAgo(60),
        lines: [
          {
            ...line('o-dev-3-1', 'LAPTOP-P14', 'ELECTRONICS'),
            warrantyMonths: 24,
            quantity: 1,
            unitPaid: cny(699_900),
          },
        ],
      }),
      order('o-dev-4', {
        customerTier: 'TRUSTED',
        paidAt: daysAgo(4),
        deliveredAt: daysAgo(2),
        lines: [
          { ...line('o-dev-4-1', 'NAME-MUG', 'CUSTOM'), quantity: 1, unitPaid: cny(5_900) },
          {
            ...line('o-dev-4-2', 'HEADSET-Q', 'ELECTRONICS'),
            portable: true,
            warrantyMonths: 12,
            quantity: 2,
            unitPaid: cny(29_900),
          },
        ],
      }),
    ],
    catalogue: Object.fromEntries(Object.entries(DEV_CATALOGUE).map(([sku, amount]) => [sku, cny(amount)])),
  };
}

/** The seeded orders as lines for a console (what `npm run dev` prints beside the tokens). */
export function describeDevOrderSeed(seed: DevOrderSeed): string[] {
  return seed.orders.flatMap((order) => [
    `  ${order.orderId}  customer ${order.customerId} (${order.customerTier ?? 'STANDARD'}), merchant ${order.merchantId}, delivered ${order.deliveredAt ?? 'not yet'}`,
    ...order.lines.map((line) => {
      const current = seed.catalogue[line.sku];
      const price = current && current.amount !== line.unitPaid.amount ? `, now ${formatCny(current)}` : '';
      return `    line ${line.lineId}: ${line.quantity} x ${line.sku} (${line.category}) at ${formatCny(line.unitPaid)}${price}`;
    }),
  ]);
}

function formatCny(value: Money): string {
  return `${(value.amount / 100).toFixed(2)} ${value.currency}`;
}
