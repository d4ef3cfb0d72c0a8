import { Router } from 'express';
import { z } from 'zod';
import { sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { parseInput, SandboxError } from './sandbox.errors';
import { idSchema, Money, moneySchema, positiveMoneySchema } from './sandbox.schemas';
import { SupplierBatchRecord } from './sandbox.state';
import { WebhookDelivery } from './webhook-sender';

const batchRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  supplierId: idSchema,
  batchId: idSchema,
  units: z
    .array(
      z.strictObject({
        caseId: idSchema,
        sku: idSchema,
        quantity: z.number().int().positive(),
        unitCost: moneySchema.optional(),
      }),
    )
    .min(1),
});

const creditNoteRequestSchema = z.strictObject({ amount: positiveMoneySchema.optional() });

/** The supplier: `POST /batches` acknowledges a return-to-vendor batch, idempotent on its `batchId`. */
export function supplierRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('supplier'));

  router.post('/batches', (req, res) => {
    const request = parseInput(batchRequestSchema, req.body);
    // The batch id is the natural idempotency key; an explicit key, if sent, must be the batch id.
    const explicitKey = req.get('idempotency-key')?.trim() || request.idempotencyKey;
    if (explicitKey && explicitKey !== request.batchId) {
      throw new SandboxError(
        400,
        'IDEMPOTENCY_KEY_MISMATCH',
        'the idempotency key of a batch must be its batchId',
      );
    }
    const fingerprint = { supplierId: request.supplierId, units: request.units };
    const result = ctx.state.supplier.byBatchId.run(request.batchId, fingerprint, () => {
      const batch: SupplierBatchRecord = {
        batchId: request.batchId,
        supplierId: request.supplierId,
        units: request.units,
        status: 'ACKNOWLEDGED',
        acknowledgedAt: ctx.now().toISOString(),
      };
      ctx.state.supplier.batches.set(batch.batchId, batch);
      if (ctx.knobs.supplier.autoCreditNote) {
        const state = ctx.state;
        ctx.scheduler.schedule(ctx.knobs.supplier.creditDelayMs, async () => {
          if (ctx.state === state) await issueCreditNote(ctx, batch);
        });
      }
      return batch;
    });
    sendIdempotent(res, result, (batch) => ({ ...batch }));
  });

  router.get('/batches/:batchId', (req, res) => {
    res.json({ ...findBatch(ctx, req.params.batchId as string) });
  });
  return router;
}

/** `POST /_sandbox/supplier/batches/:batchId/credit-note` `{ amount? }`: issues the credit note now. */
export function supplierControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/batches/:batchId/credit-note', async (req, res) => {
    const batch = findBatch(ctx, req.params.batchId as string);
    const { amount } = parseInput(creditNoteRequestSchema, req.body);
    res.json(await issueCreditNote(ctx, batch, amount));
  });
  return router;
}

/** What issuing a credit note did: the note, and its delivery to the API (null when no webhook is set). */
export interface CreditNoteResult {
  batchId: string;
  creditNoteId: string;
  amount: Money;
  delivery: WebhookDelivery | null;
}

/**
 * Issues the batch's credit note (once: a second call re-sends the same note) and posts
 * `{ creditNoteId, amount }` to the supplier credit webhook.
 */
export async function issueCreditNote(
  ctx: SandboxContext,
  batch: SupplierBatchRecord,
  amount?: Money,
): Promise<CreditNoteResult> {
  batch.creditNote ??= {
    creditNoteId: ctx.ids.next('cn'),
    amount: amount ?? creditFor(ctx, batch),
    issuedAt: ctx.now().toISOString(),
    delivered: false,
  };
  batch.status = 'CREDITED';
  const note = batch.creditNote;
  const { supplierCreditUrlTemplate, supplierToken } = ctx.knobs.webhooks;
  let delivery: WebhookDelivery | null = null;
  if (supplierCreditUrlTemplate) {
    const url = supplierCreditUrlTemplate.replace('{batchId}', encodeURIComponent(batch.batchId));
    delivery = await ctx.webhooks.post(url, supplierToken, {
      creditNoteId: note.creditNoteId,
      amount: note.amount,
    });
    note.delivered ||= delivery.ok;
  }
  return { batchId: batch.batchId, creditNoteId: note.creditNoteId, amount: note.amount, delivery };
}

/** Units at their declared cost, or at the knob's per-unit credit when the batch declares none. */
function creditFor(ctx: SandboxContext, batch: SupplierBatchRecord): Money {
  const fallback = ctx.knobs.supplier.creditPerUnit;
  const currency = batch.units.find((unit) => unit.unitCost)?.unitCost?.currency ?? fallback.currency;
  const amount = batch.units.reduce(
    (sum, unit) => sum + unit.quantity * (unit.unitCost?.amount ?? fallback.amount),
    0,
  );
  return { amount, currency };
}

function findBatch(ctx: SandboxContext, batchId: string): SupplierBatchRecord {
  const batch = ctx.state.supplier.batches.get(batchId);
  if (!batch) throw SandboxError.notFound('BATCH_NOT_FOUND', `no supplier batch ${batchId}`);
  return batch;
}
