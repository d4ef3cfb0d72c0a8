import { CaseState } from '../case.state';
import { DecideContext, Decision, notAllowed } from './decision';
import { Emitter } from './emitter';

/** An ops intervention to record, with its reason. */
export interface OpsActionCommand {
  action: 'RESET' | 'REPLAY' | 'CLEAR_FLAGS' | 'NOTE';
  reason: string;
}

/** Ops record an intervention (reset, replay, flags cleared, a note); refund retries go through decideRefundRetry. */
export function decideOpsAction(state: CaseState, command: OpsActionCommand, ctx: DecideContext): Decision {
  if (state.status === null) return notAllowed(state, 'an ops action');
  const out = new Emitter(state, ctx);
  out.emit('OPS_ACTION_RECORDED', { action: command.action, reason: command.reason });
  return out.done();
}
