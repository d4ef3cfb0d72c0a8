import { z } from 'zod';
import { CaseState } from '../case.state';
import { CaseStatus } from '../case.types';
import { DecideContext, Decision, duplicate, notAllowed, parseInput } from './decision';
import { Emitter } from './emitter';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/cases/{id}/cancel`. */
export const cancelCaseSchema = lazySchema(() => z.object({ note: z.string().max(5000).optional() }));
/** A customer's cancellation. */
export type CancelCaseCommand = z.infer<typeof cancelCaseSchema>;

/** The statuses in which the customer may cancel (before the return is picked up or shipped). */
export const CANCELLABLE_STATUSES: readonly CaseStatus[] = [
  'PENDING_MERCHANT_REVIEW',
  'REJECTED',
  'ESCALATED',
  'IN_ARBITRATION',
  'AWAITING_RETURN',
];

/**
 * The customer cancels before the return is picked up or shipped (and before any inspection). A
 * booked pickup is then cancelled by the workflow (PICKUP_CANCELLED, see `nextSteps`). A repeat on a
 * cancelled case changes nothing.
 */
export function decideCancel(state: CaseState, input: CancelCaseCommand, ctx: DecideContext): Decision {
  const parsed = parseInput(state, cancelCaseSchema, input ?? {});
  if (!parsed.ok) return parsed.decision;
  if (state.status === 'CANCELLED') return duplicate();
  if (state.status === null || !CANCELLABLE_STATUSES.includes(state.status) || state.inspection !== null) {
    return notAllowed(state, 'cancelling');
  }
  const shipment = state.returnShipment;
  if (
    shipment &&
    shipment.status !== 'NOT_SHIPPED' &&
    shipment.status !== 'BOOKED' &&
    shipment.status !== 'CANCELLED'
  ) {
    return notAllowed(state, 'cancelling after the return was picked up or shipped');
  }
  const out = new Emitter(state, ctx);
  out.emit('CASE_CANCELLED', parsed.value.note ? { note: parsed.value.note } : {});
  return out.done();
}
