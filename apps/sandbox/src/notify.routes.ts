import { Router } from 'express';
import { z } from 'zod';
import { SandboxContext } from './sandbox.context';
import { parseInput } from './sandbox.errors';
import { idSchema } from './sandbox.schemas';
import { NotificationRecord } from './sandbox.state';

const notificationSchema = z.object({
  idempotencyKey: idSchema.optional(),
  caseId: idSchema,
  customerId: idSchema.optional(),
  channel: z.enum(['SMS', 'EMAIL', 'PUSH', 'IN_APP']).default('IN_APP'),
  /** What the notice is about, e.g. `CASE_APPROVED`; the sandbox does not render it. */
  template: idSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});

const listQuerySchema = z.object({ caseId: idSchema.optional() });

/** Customer notices: `POST /notifications` accepts a notice (idempotent when a key is given). */
export function notifyRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(ctx.faults.middleware('notify'));

  router.post('/notifications', (req, res) => {
    const request = parseInput(notificationSchema, req.body);
    const idempotencyKey = req.get('idempotency-key')?.trim() || request.idempotencyKey;
    const create = (): NotificationRecord => {
      const notice: NotificationRecord = {
        notificationId: ctx.ids.next('nt'),
        ...(idempotencyKey ? { idempotencyKey } : {}),
        caseId: request.caseId,
        ...(request.customerId ? { customerId: request.customerId } : {}),
        channel: request.channel,
        template: request.template,
        ...(request.data ? { data: request.data } : {}),
        status: 'ACCEPTED',
        acceptedAt: ctx.now().toISOString(),
      };
      ctx.state.notify.notices.push(notice);
      return notice;
    };
    // A notice without a key is simply sent again on a retry: a duplicate message is an annoyance, not a loss.
    const result = idempotencyKey
      ? ctx.state.notify.byKey.run(idempotencyKey, { ...request, idempotencyKey: undefined }, create)
      : { value: create(), replayed: false };
    res
      .status(202)
      .set('Idempotent-Replayed', String(result.replayed))
      .json({ ...result.value });
  });
  return router;
}

/** `GET /_sandbox/notifications?caseId=`: the notices sent, oldest first. */
export function notifyControlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { caseId } = parseInput(listQuerySchema, req.query, 'query');
    res.json({ items: ctx.state.notify.notices.filter((notice) => !caseId || notice.caseId === caseId) });
  });
  return router;
}
