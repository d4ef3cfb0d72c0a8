import { z } from 'zod';

/** Money in integer minor units (fen for CNY), as API.md writes it. */
export const moneySchema = z.strictObject({
  amount: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY'),
});

/** Money in integer minor units. */
export type Money = z.infer<typeof moneySchema>;

/** Money that must be more than zero (a refund or a claim of nothing is a caller bug). */
export const positiveMoneySchema = moneySchema.refine((money) => money.amount > 0, {
  message: 'amount must be more than zero',
  path: ['amount'],
});

/** A required identifier-like string. */
export const idSchema = z.string().trim().min(1).max(200);

/** A postal address; only what a carrier needs is required, the rest passes through. */
export const addressSchema = z.looseObject({
  name: z.string().min(1),
  phone: z.string().min(1),
  line1: z.string().min(1),
  city: z.string().min(1),
});

/** A postal address. */
export type Address = z.infer<typeof addressSchema>;

/** A SKU and how many units of it. */
export const skuQuantitySchema = z.strictObject({
  sku: idSchema,
  quantity: z.number().int().positive(),
});
