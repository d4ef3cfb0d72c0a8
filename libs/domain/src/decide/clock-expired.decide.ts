import { CLOCK_DEADLINES, CaseClock } from '../case.clocks';
import { RepairConvertedData } from '../case.events';
import { CaseState } from '../case.state';
import { CaseRequest, assertNever } from '../case.types';
import { settleFullRefund } from '../settlement';
import { approve } from './approve';
import { convertRepair } from './convert-repair';
import { DecideContext, Decision, fail, notAllowed } from './decision';
import { Emitter } from './emitter';
import { settlementMoney } from './refund-amounts';
import { settle } from './settle';

/** A clock fired; `convertTo` chooses what a too-long repair becomes (REFUND when omitted). */
export interface ClockExpiredCommand {
  readonly clock: CaseClock;
  readonly convertTo?: RepairConvertedData['to'];
}

// The default action of each clock, on a case whose clock is due.
function expire(out: Emitter, command: ClockExpiredCommand, dueAt: string, request: CaseRequest): void {
  const state = out.state;
  switch (command.clock) {
    case 'MERCHANT_RESPONSE':
      return approve(out, { by: 'TIMEOUT' });
    case 'CUSTOMER_SHIP':
      return out.emit('CASE_CLOSED', { reason: 'RETURN_NOT_SHIPPED' });
    case 'WAREHOUSE_INSPECT':
      return settle(
        out,
        settleFullRefund(
          'INSPECTION_TIMEOUT',
          request.items,
          settlementMoney(state, state.approval?.refundCap ?? null),
        ),
      );
    case 'ESCALATION_WINDOW':
      return out.emit('CASE_CLOSED', { reason: 'ESCALATION_WINDOW_EXPIRED' });
    case 'MERCHANT_ESCALATION_ANSWER':
      return out.emit('ARBITRATION_OPENED', { cause: 'MERCHANT_DID_NOT_ANSWER' });
    case 'REFUND_AFTER_INSPECTION':
      return out.emit('SLA_BREACHED', { clock: 'REFUND_AFTER_INSPECTION', dueAt });
    case 'REPLACEMENT_SHIP':
      return out.emit('SLA_BREACHED', { clock: 'REPLACEMENT_SHIP', dueAt });
    case 'REPAIR_DURATION':
      return convertRepair(out, 'TOO_LONG', command.convertTo ?? 'REFUND');
    default:
      return assertNever(command.clock, 'clock');
  }
}

/**
 * A durable timer fired: applies the clock's default action. Refused with CLOCK_NOT_DUE when the
 * clock is no longer running (the case moved on) or not yet due, so a late timer is harmless.
 */
export function decideClockExpired(
  state: CaseState,
  command: ClockExpiredCommand,
  ctx: DecideContext,
): Decision {
  const field = CLOCK_DEADLINES[command.clock];
  if (!field)
    return fail(state, 'VALIDATION_FAILED', 'unknown clock', [
      { path: 'clock', message: `unknown clock ${String(command.clock)}` },
    ]);
  const dueAt = state.deadlines[field];
  if (dueAt === null) return fail(state, 'CLOCK_NOT_DUE', `${command.clock} is not running`);
  if (ctx.now.getTime() < Date.parse(dueAt))
    return fail(state, 'CLOCK_NOT_DUE', `${command.clock} is due at ${dueAt}`);
  const request = state.request;
  if (!request) return notAllowed(state, 'a clock');
  const out = new Emitter(state, { now: ctx.now, actor: ctx.actor });
  expire(out, command, dueAt, request);
  return out.done();
}
