import { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { parseKeyedRequest, sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { parseInput, SandboxError } from './sandbox.errors';
import { idSchema, Money, positiveMoneySchema } from './sandbox.schemas';
import { PayoutRecord, RefundRecord } from './sandbox.state';

const refundRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  refundNo: z.union([z.number().int().positive(), idSchema]),
  amount: positiveMoneySchema,
  reason: z.string().max(500).optional(),
});

/** `GET /refund-system/ledger`: what was actually paid, and what the refund system absorbed. */
export interface RefundLedger {
  caseId: string | null;
  /** One row per refund actually paid; a duplicate payout would show up here as a second row. */
  payouts: PayoutRecord[];
  totals: Money[];
  counters: {
    callsReceived: number;
    refundsCreated: number;
    duplicatesAbsorbed: number;
    conflictsRejected: number;
    payouts: number;
    pending: number;
  };
}

const ledgerQuerySchema = z.object({ caseId: idSchema.optional() });

/**
 * The refund system: `POST /refunds` (idempotent on its key: a repeat returns the first refund and
 * pays nothing), `GET /refunds/:refundId`, and `GET /ledger` proving what was actually paid.
 */
export function refundSystemRouter(ctx: SandboxContext): Router {
  const router = Router();

  // Counted before the fault injector, so "calls received" includes the calls it failed.
  const countCall: RequestHandler = (req, _res, next) => {
    const caseId = (req.body as { caseId?: unknown } | undefined)?.caseId;
    ctx.state.refund.calls.push({
      caseId: typeof caseId === 'string' ? caseId : undefined,
      outcome: 'RECEIVED',
    });
    next();
  };

  router.post('/refunds', countCall, ctx.faults.middleware('refund'), (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(refundRequestSchema, req);
    const refunds = ctx.state.refund;
    // Only the money-relevant fields must match on a repeat; a reworded `reason` is still the same refund.
    const fingerprint = { caseId: request.caseId, refundNo: request.refundNo, amount: request.amount };
    let result;
    try {
      result = refunds.byKey.run(idempotencyKey, fingerprint, () =>
        createRefund(ctx, idempotencyKey, request),
      );
    } catch (error) {
      if (error instanceof SandboxError && error.code === 'IDEMPOTENCY_CONFLICT') {
        refunds.calls.push({ caseId: request.caseId, outcome: 'CONFLICT_REJECTED' });
      }
      throw error;
    }
    refunds.calls.push({
      caseId: request.caseId,
      outcome: result.replayed ? 'DUPLICATE_ABSORBED' : 'CREATED',
    });
    sendIdempotent(res, result, (refund) => ({ ...refund }));
  });

  router.get('/refunds/:refundId', ctx.faults.middleware('refund'), (req, res) => {
    const refund = ctx.state.refund.byId.get(req.params.refundId as string);
    if (!refund) throw SandboxError.notFound('REFUND_NOT_FOUND', `no refund ${req.params.refundId}`);
    res.json({ ...refund });
  });

  // The ledger is the test's witness, so no fault is ever injected into it.
  router.get('/ledger', (req, res) => {
    const { caseId } = parseInput(ledgerQuerySchema, req.query, 'query');
    const refunds = ctx.state.refund;
    const payouts = refunds.payouts.filter((payout) => !caseId || payout.caseId === caseId);
    const calls = refunds.calls.filter((call) => !caseId || call.caseId === caseId);
    const count = (outcome: string) => calls.filter((call) => call.outcome === outcome).length;
    const ledger: RefundLedger = {
      caseId: caseId ?? null,
      payouts,
      totals: totalsByCurrency(payouts),
      counters: {
        callsReceived: count('RECEIVED'),
        refundsCreated: count('CREATED'),
        duplicatesAbsorbed: count('DUPLICATE_ABSORBED'),
        conflictsRejected: count('CONFLICT_REJECTED'),
        payouts: payouts.length,
        pending: [...refunds.byId.values()].filter(
          (refund) => refund.status === 'PENDING' && (!caseId || refund.caseId === caseId),
        ).length,
      },
    };
    res.json(ledger);
  });

  return router;
}

function createRefund(
  ctx: SandboxContext,
  idempotencyKey: string,
  request: z.infer<typeof refundRequestSchema>,
): RefundRecord {
  const refund: RefundRecord = {
    refundId: ctx.ids.next('rf'),
    idempotencyKey,
    caseId: request.caseId,
    refundNo: request.refundNo,
    amount: request.amount,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    status: 'PENDING',
    createdAt: ctx.now().toISOString(),
  };
  ctx.state.refund.byId.set(refund.refundId, refund);
  const { mode, asyncDelayMs } = ctx.knobs.refund;
  if (mode === 'SYNC') {
    pay(ctx, refund);
  } else {
    // The state captured now is the one to settle: a reset in between must not pay into the new state.
    const state = ctx.state;
    ctx.scheduler.schedule(asyncDelayMs, () => {
      if (ctx.state === state) pay(ctx, refund);
    });
  }
  return refund;
}

/** Pays a refund: the only place a ledger row is written. */
function pay(ctx: SandboxContext, refund: RefundRecord): void {
  if (refund.status === 'SUCCEEDED') return;
  refund.status = 'SUCCEEDED';
  refund.completedAt = ctx.now().toISOString();
  const payout: PayoutRecord = {
    refundId: refund.refundId,
    idempotencyKey: refund.idempotencyKey,
    caseId: refund.caseId,
    refundNo: refund.refundNo,
    amount: refund.amount,
    paidAt: refund.completedAt,
  };
  ctx.state.refund.payouts.push(payout);
}

function totalsByCurrency(payouts: PayoutRecord[]): Money[] {
  const totals = new Map<string, number>();
  for (const { amount } of payouts)
    totals.set(amount.currency, (totals.get(amount.currency) ?? 0) + amount.amount);
  return [...totals].map(([currency, amount]) => ({ amount, currency }));
}
