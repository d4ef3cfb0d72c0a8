import { CaseState } from '../case.state';
import { settleLinesAsRefund } from '../settlement';
import { DecideContext, Decision, duplicate, notAllowed } from './decision';
import { Emitter } from './emitter';
import { settlementMoney } from './refund-amounts';
import { finishIfDone, settle } from './settle';

/** Stock reserved for the replacement, one reservation per unit line. */
export interface ReplacementReservedCommand {
  reservationIds: readonly string[];
}

/** The replacement's parcel. */
export interface ReplacementShippedCommand {
  carrier: string;
  trackingNumber: string;
}

/** Why no replacement can be sent. */
export interface ReplacementUnavailableCommand {
  reason: string;
}

/** Stock was reserved for the replacement (REPLACING). Idempotent on `reservationIds`. */
export function decideReplacementReserved(
  state: CaseState,
  command: ReplacementReservedCommand,
  ctx: DecideContext,
): Decision {
  const reserved = state.replacement?.reservationIds ?? [];
  if (reserved.length > 0 && reserved.join(',') === command.reservationIds.join(',')) return duplicate();
  if (state.status !== 'REPLACING' || state.replacement?.status !== 'PENDING')
    return notAllowed(state, 'reserving a replacement');
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_RESERVED', { reservationIds: [...command.reservationIds] });
  return out.done();
}

/** The replacement shipped (REPLACING): the case completes (or opens the refusal of refused units). Idempotent on the tracking number. */
export function decideReplacementShipped(
  state: CaseState,
  command: ReplacementShippedCommand,
  ctx: DecideContext,
): Decision {
  if (state.replacement?.status === 'SHIPPED' && state.replacement.trackingNumber === command.trackingNumber)
    return duplicate();
  if (state.status !== 'REPLACING' || state.replacement?.status === 'SHIPPED')
    return notAllowed(state, 'shipping a replacement');
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_SHIPPED', { ...command });
  finishIfDone(out);
  return out.done();
}

/** No stock for the replacement (REPLACING): compensation by a refund of the replaced units. */
export function decideReplacementUnavailable(
  state: CaseState,
  command: ReplacementUnavailableCommand,
  ctx: DecideContext,
): Decision {
  if (
    state.status !== 'REPLACING' ||
    !state.settlement ||
    state.replacement?.status === 'SHIPPED' ||
    state.replacement?.status === 'UNAVAILABLE'
  ) {
    return notAllowed(state, 'a replacement fallback');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPLACEMENT_UNAVAILABLE', { reason: command.reason });
  settle(
    out,
    settleLinesAsRefund(
      'REPLACEMENT_UNAVAILABLE',
      state.settlement.lines,
      (line) => line.outcome === 'REPLACE',
      settlementMoney(out.state, null),
    ),
  );
  return out.done();
}
