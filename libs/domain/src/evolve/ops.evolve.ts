import { CaseDeadlines } from '../case.state';
import { EvolverMap, deadlines } from './evolver';

/** How the ops events change the state. */
export const OPS_EVOLVERS: EvolverMap<'SLA_BREACHED' | 'OPS_ACTION_RECORDED'> = {
  SLA_BREACHED: (state, event) => {
    const at = event.occurredAt;
    const cleared: Partial<CaseDeadlines> =
      event.data.clock === 'REFUND_AFTER_INSPECTION' ? { refundBy: null } : { replacementShipBy: null };
    return {
      ...state,
      flags: [...state.flags, { kind: 'SLA_BREACHED', clock: event.data.clock, dueAt: event.data.dueAt, at }],
      deadlines: deadlines(state, cleared),
    };
  },
  OPS_ACTION_RECORDED: (state, event) => {
    const { data } = event;
    if (data.action === 'CLEAR_FLAGS') return { ...state, flags: [] };
    if (data.action === 'RETRY_REFUND') {
      return {
        ...state,
        flags: state.flags.filter(
          (flag) => !(flag.kind === 'REFUND_FAILED' && flag.refundId === data.refundId),
        ),
      };
    }
    return state;
  },
};
