import { Router } from 'express';
import { z } from 'zod';
import { parseKeyedRequest, sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { SandboxError } from './sandbox.errors';
import { idSchema, positiveMoneySchema } from './sandbox.schemas';
import { InsuranceClaimRecord } from './sandbox.state';

const claimRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  trackingNumber: idSchema.optional(),
  /** The freight to reimburse; the knob's default payout when left out. */
  amount: positiveMoneySchema.optional(),
});

/** Return-shipping insurance: `POST /claims` pays the freight once per key; `GET /claims/:claimId`. */
export function insuranceRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('insurance'));

  router.post('/claims', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(claimRequestSchema, req);
    const result = ctx.state.insurance.byKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      () => {
        const claim: InsuranceClaimRecord = {
          claimId: ctx.ids.next('cl'),
          idempotencyKey,
          caseId: request.caseId,
          ...(request.trackingNumber ? { trackingNumber: request.trackingNumber } : {}),
          status: 'PAID',
          paidAmount: request.amount ?? ctx.knobs.insurance.defaultPayout,
          paidAt: ctx.now().toISOString(),
        };
        ctx.state.insurance.byId.set(claim.claimId, claim);
        return claim;
      },
    );
    sendIdempotent(res, result, (claim) => ({ ...claim }));
  });

  router.get('/claims/:claimId', (req, res) => {
    const claim = ctx.state.insurance.byId.get(req.params.claimId as string);
    if (!claim) throw SandboxError.notFound('CLAIM_NOT_FOUND', `no claim ${req.params.claimId}`);
    res.json({ ...claim });
  });
  return router;
}
