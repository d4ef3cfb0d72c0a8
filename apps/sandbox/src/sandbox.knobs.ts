import { z } from 'zod';
import { moneySchema, Money } from './sandbox.schemas';

/** Behaviour settings of the played systems, changed at run time with `PUT /_sandbox/knobs`. */
export interface SandboxKnobs {
  refund: {
    /** `SYNC`: refunds succeed in the call; `ASYNC`: PENDING first, SUCCEEDED after `asyncDelayMs`. */
    mode: 'SYNC' | 'ASYNC';
    asyncDelayMs: number;
  };
  insurance: {
    /** Paid when a claim names no amount. */
    defaultPayout: Money;
  };
  carrier: {
    name: string;
    /** After a booking, emit PICKED_UP, IN_TRANSIT and DELIVERED by themselves, so dev mode flows alone. */
    autoProgress: boolean;
    pickedUpAfterMs: number;
    inTransitAfterMs: number;
    deliveredAfterMs: number;
  };
  wms: {
    /** Stock of a SKU nobody has set (`PUT /_sandbox/wms/stock/:sku`): plenty, unless a test says otherwise. */
    defaultStock: number;
    warehouseId: string;
    /**
     * Refuse (422 `ADDRESS_UNDELIVERABLE`) a replacement shipment to an address no courier can use: a
     * placeholder such as "the order's address on file", whose phone holds no digit. Off by default.
     */
    refusePlaceholderAddresses: boolean;
  };
  repair: {
    /** The outcome a new repair will have, and how long it takes; fixed when the repair is created. */
    outcome: 'REPAIRED' | 'FAILED';
    durationMs: number;
  };
  supplier: {
    /** After a batch is acknowledged, post a credit note to the API by itself after `creditDelayMs`. */
    autoCreditNote: boolean;
    creditDelayMs: number;
    /** Credited per unit when a batch's units carry no `unitCost`. */
    creditPerUnit: Money;
  };
  webhooks: {
    carrierUrl?: string;
    carrierToken?: string;
    /** Contains `{batchId}`, e.g. `http://127.0.0.1:3000/v1/supplier-returns/{batchId}/credit`. */
    supplierCreditUrlTemplate?: string;
    supplierToken?: string;
  };
}

/** The knobs a fresh sandbox starts with. */
export function defaultKnobs(): SandboxKnobs {
  return {
    refund: { mode: 'SYNC', asyncDelayMs: 1_000 },
    insurance: { defaultPayout: { amount: 1_200, currency: 'CNY' } },
    carrier: {
      name: 'SANDBOX-EXPRESS',
      autoProgress: false,
      pickedUpAfterMs: 2_000,
      inTransitAfterMs: 2_000,
      deliveredAfterMs: 2_000,
    },
    wms: { defaultStock: 1_000_000, warehouseId: 'wh-sandbox-1', refusePlaceholderAddresses: false },
    repair: { outcome: 'REPAIRED', durationMs: 500 },
    supplier: {
      autoCreditNote: false,
      creditDelayMs: 2_000,
      creditPerUnit: { amount: 5_000, currency: 'CNY' },
    },
    webhooks: {},
  };
}

const delayMs = z.number().int().min(0).max(3_600_000);

/** A partial knob update: each section is merged field by field into the current knobs. */
export const knobsPatchSchema = z.strictObject({
  refund: z
    .strictObject({ mode: z.enum(['SYNC', 'ASYNC']), asyncDelayMs: delayMs })
    .partial()
    .optional(),
  insurance: z.strictObject({ defaultPayout: moneySchema }).partial().optional(),
  carrier: z
    .strictObject({
      name: z.string().min(1).max(40),
      autoProgress: z.boolean(),
      pickedUpAfterMs: delayMs,
      inTransitAfterMs: delayMs,
      deliveredAfterMs: delayMs,
    })
    .partial()
    .optional(),
  wms: z
    .strictObject({
      defaultStock: z.number().int().min(0),
      warehouseId: z.string().min(1),
      refusePlaceholderAddresses: z.boolean(),
    })
    .partial()
    .optional(),
  repair: z
    .strictObject({ outcome: z.enum(['REPAIRED', 'FAILED']), durationMs: delayMs })
    .partial()
    .optional(),
  supplier: z
    .strictObject({ autoCreditNote: z.boolean(), creditDelayMs: delayMs, creditPerUnit: moneySchema })
    .partial()
    .optional(),
  webhooks: z
    .strictObject({
      carrierUrl: z.url(),
      carrierToken: z.string().min(1),
      supplierCreditUrlTemplate: z.string().includes('{batchId}', { message: 'must contain {batchId}' }),
      supplierToken: z.string().min(1),
    })
    .partial()
    .optional(),
});

/** A partial knob update. */
export type KnobsPatch = z.infer<typeof knobsPatchSchema>;

/** Merges `patch` into `knobs`, section by section. */
export function applyKnobsPatch(knobs: SandboxKnobs, patch: KnobsPatch): SandboxKnobs {
  return {
    refund: { ...knobs.refund, ...patch.refund },
    insurance: { ...knobs.insurance, ...patch.insurance },
    carrier: { ...knobs.carrier, ...patch.carrier },
    wms: { ...knobs.wms, ...patch.wms },
    repair: { ...knobs.repair, ...patch.repair },
    supplier: { ...knobs.supplier, ...patch.supplier },
    webhooks: { ...knobs.webhooks, ...patch.webhooks },
  };
}

/** The knobs as `GET /_sandbox/knobs` shows them: tokens are masked, they are bearer credentials. */
export function publicKnobs(knobs: SandboxKnobs): SandboxKnobs {
  const mask = (token: string | undefined) => (token ? '***' : undefined);
  return {
    ...knobs,
    webhooks: {
      ...knobs.webhooks,
      carrierToken: mask(knobs.webhooks.carrierToken),
      supplierToken: mask(knobs.webhooks.supplierToken),
    },
  };
}
