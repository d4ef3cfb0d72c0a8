import { RepairConvertedData } from '../case.events';
import { CaseState } from '../case.state';
import { convertRepair } from './convert-repair';
import { DecideContext, Decision, duplicate, notAllowed } from './decision';
import { Emitter } from './emitter';
import { finishIfDone } from './settle';

/** The repair centre took the goods in. */
export interface RepairStartedCommand {
  repairId: string;
}

/** A failed repair attempt; `convertTo` chooses what the repair becomes at the last allowed failure. */
export interface RepairFailedCommand {
  repairId: string;
  reason: string;
  convertTo?: RepairConvertedData['to'];
}

/** The repaired goods shipped back (with their parcel when known). */
export interface RepairCompletedCommand {
  repairId: string;
  carrier?: string;
  trackingNumber?: string;
}

/** The goods went to the repair centre (REPAIRING, no repair in progress). Idempotent on `repairId`. */
export function decideRepairStarted(
  state: CaseState,
  command: RepairStartedCommand,
  ctx: DecideContext,
): Decision {
  if (state.repair?.status === 'IN_REPAIR' && state.repair.repairId === command.repairId) return duplicate();
  if (state.status !== 'REPAIRING' || state.repair?.status !== 'PENDING')
    return notAllowed(state, 'starting a repair');
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_STARTED', { repairId: command.repairId, attempt: state.repair.attempts + 1 });
  return out.done();
}

/**
 * A repair attempt failed; at the profile's `maxRepairFailures` (2) the repair becomes an exchange or
 * a refund (`convertTo`, REFUND when omitted). Idempotent per attempt.
 */
export function decideRepairFailed(
  state: CaseState,
  command: RepairFailedCommand,
  ctx: DecideContext,
): Decision {
  const repair = state.repair;
  if (repair?.repairId === command.repairId && repair.status !== 'IN_REPAIR') return duplicate();
  if (
    state.status !== 'REPAIRING' ||
    repair?.status !== 'IN_REPAIR' ||
    repair.repairId !== command.repairId ||
    !state.profile
  ) {
    return notAllowed(state, 'a failed repair');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_FAILED', { repairId: command.repairId, attempt: repair.attempts, reason: command.reason });
  if (repair.failures + 1 >= state.profile.maxRepairFailures)
    convertRepair(out, 'REPEATED_FAILURES', command.convertTo ?? 'REFUND');
  return out.done();
}

/** The repaired goods were shipped back (REPAIRING): the case completes. Idempotent. */
export function decideRepairCompleted(
  state: CaseState,
  command: RepairCompletedCommand,
  ctx: DecideContext,
): Decision {
  const repair = state.repair;
  if (repair?.repairId === command.repairId && repair.status === 'COMPLETED') return duplicate();
  if (
    state.status !== 'REPAIRING' ||
    repair?.status !== 'IN_REPAIR' ||
    repair.repairId !== command.repairId
  ) {
    return notAllowed(state, 'completing a repair');
  }
  const out = new Emitter(state, ctx);
  out.emit('REPAIR_COMPLETED', { ...command });
  finishIfDone(out);
  return out.done();
}
