import { z } from 'zod';
import { addressSchema, idSchema, Money, moneySchema } from './sandbox.schemas';

/** The item categories the order system knows (the platform's list). */
export const ORDER_CATEGORIES = [
  'GENERAL',
  'ELECTRONICS',
  'FRESH',
  'CUSTOM',
  'DIGITAL',
  'PERIODICAL',
] as const;

/** The customer tiers the order system knows. */
export const CUSTOMER_TIERS = ['STANDARD', 'TRUSTED'] as const;

const timestampSchema = z.iso.datetime({ offset: true });

/** One line of `POST /_sandbox/orders`. */
export const orderLineInputSchema = z.strictObject({
  lineId: idSchema.optional(),
  sku: idSchema,
  category: z.enum(ORDER_CATEGORIES),
  supplierId: idSchema,
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  portable: z.boolean().optional(),
  quantity: z.number().int().min(1).max(10_000),
  /** What the customer paid per unit, after discounts. */
  unitPaid: moneySchema,
});

/** Body of `POST /_sandbox/orders` (API.md "The sandbox's control endpoints"). */
export const orderInputSchema = z
  .strictObject({
    orderId: idSchema.optional(),
    customerId: idSchema,
    merchantId: idSchema,
    customerTier: z.enum(CUSTOMER_TIERS).optional(),
    paidAt: timestampSchema,
    deliveredAt: timestampSchema.optional(),
    shippingInsurance: z.boolean().optional(),
    shipTo: addressSchema.optional(),
    lines: z.array(orderLineInputSchema).min(1).max(100),
  })
  .superRefine((order, context) => {
    const lineIds = order.lines.flatMap((line) => (line.lineId ? [line.lineId] : []));
    if (new Set(lineIds).size !== lineIds.length) {
      context.addIssue({ code: 'custom', path: ['lines'], message: 'lineId values must be unique' });
    }
    const currencies = new Set(order.lines.map((line) => line.unitPaid.currency));
    if (currencies.size > 1) {
      context.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'all lines must be paid in one currency',
      });
    }
  });

/** An order as a test or the dev seed creates it. */
export type OrderInput = z.input<typeof orderInputSchema>;

/** Body of `PUT /_sandbox/catalogue/:sku`. */
export const cataloguePriceSchema = z.strictObject({ price: moneySchema });

/** One line of an order as the order system holds it: every field filled in. */
export interface OrderLineRecord {
  lineId: string;
  sku: string;
  category: (typeof ORDER_CATEGORIES)[number];
  supplierId: string;
  warrantyMonths: number;
  portable: boolean;
  quantity: number;
  unitPaid: Money;
}

/** An order as the order system holds it and answers it. */
export interface OrderRecord {
  orderId: string;
  customerId: string;
  merchantId: string;
  customerTier: (typeof CUSTOMER_TIERS)[number];
  paidAt: string;
  deliveredAt: string | null;
  shippingInsurance: boolean;
  shipTo: z.infer<typeof addressSchema> | null;
  lines: OrderLineRecord[];
}
