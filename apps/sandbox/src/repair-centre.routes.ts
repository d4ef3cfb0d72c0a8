import { Router } from 'express';
import { z } from 'zod';
import { parseKeyedRequest, sendIdempotent } from './idempotency';
import { SandboxContext } from './sandbox.context';
import { SandboxError } from './sandbox.errors';
import { idSchema } from './sandbox.schemas';
import { RepairRecord } from './sandbox.state';

const repairRequestSchema = z.object({
  idempotencyKey: z.string().optional(),
  caseId: idSchema,
  sku: idSchema,
  faultDescription: z.string().max(2_000).optional(),
});

/** The repair centre: `POST /repairs` opens a repair; `GET /repairs/:repairId` reports IN_PROGRESS, REPAIRED or FAILED. */
export function repairCentreRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('repair'));

  router.post('/repairs', (req, res) => {
    const { idempotencyKey, request } = parseKeyedRequest(repairRequestSchema, req);
    const result = ctx.state.repair.byKey.run(
      idempotencyKey,
      { ...request, idempotencyKey: undefined },
      () => {
        const now = ctx.now();
        // The outcome is fixed now, from the knobs of this moment, so changing a knob later affects
        // only new repairs: a test can make the first repair fail and the second succeed.
        const repair: RepairRecord = {
          repairId: ctx.ids.next('rp'),
          idempotencyKey,
          caseId: request.caseId,
          sku: request.sku,
          outcome: ctx.knobs.repair.outcome,
          createdAt: now.toISOString(),
          completesAt: new Date(now.getTime() + ctx.knobs.repair.durationMs).toISOString(),
        };
        ctx.state.repair.byId.set(repair.repairId, repair);
        return repair;
      },
    );
    sendIdempotent(res, result, repairView(ctx));
  });

  router.get('/repairs/:repairId', (req, res) => {
    const repair = ctx.state.repair.byId.get(req.params.repairId as string);
    if (!repair) throw SandboxError.notFound('REPAIR_NOT_FOUND', `no repair ${req.params.repairId}`);
    res.json(repairView(ctx)(repair));
  });
  return router;
}

/** A repair as the client sees it: the outcome stays hidden until the repair is done. */
function repairView(ctx: SandboxContext): (repair: RepairRecord) => unknown {
  return ({ outcome, completesAt, ...repair }) => {
    const done = ctx.now().getTime() >= Date.parse(completesAt);
    return {
      ...repair,
      status: done ? outcome : 'IN_PROGRESS',
      expectedBy: completesAt,
      ...(done ? { completedAt: completesAt } : {}),
    };
  };
}
