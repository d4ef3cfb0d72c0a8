import { z } from 'zod';
import { idSchema } from '../case.request';
import { CaseState } from '../case.state';
import { DecideContext, Decision, duplicate, notAllowed, parseInput } from './decision';
import { Emitter } from './emitter';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/cases/{id}/return-shipment`. */
export const returnShipmentSchema = lazySchema(() =>
  z.object({ carrier: idSchema, trackingNumber: idSchema }),
);
/** A self-shipped return. */
export type ReturnShipmentCommand = z.infer<typeof returnShipmentSchema>;

/** The customer registers a self-shipped return (AWAITING_RETURN, SELF_SHIP): stops the ship-by clock. Idempotent on the tracking number. */
export function decideRegisterReturnShipment(
  state: CaseState,
  input: ReturnShipmentCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parseInput(state, returnShipmentSchema, input);
  if (!parsed.ok) return parsed.decision;
  const { carrier, trackingNumber } = parsed.value;
  if (state.returnShipment?.method === 'SELF_SHIP' && state.returnShipment.trackingNumber === trackingNumber)
    return duplicate();
  if (state.status !== 'AWAITING_RETURN' || state.request?.returnMethod !== 'SELF_SHIP') {
    return notAllowed(state, 'registering a self-shipped return');
  }
  const out = new Emitter(state, ctx);
  out.emit('RETURN_SHIPMENT_REGISTERED', { carrier, trackingNumber });
  return out.done();
}
