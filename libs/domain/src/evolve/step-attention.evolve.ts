import { CaseState, StepAttention } from '../case.state';
import { EvolverMap } from './evolver';

/** The refused steps still listed once `stepKey` leaves the list. */
const without = (state: CaseState, stepKey: string): StepAttention[] =>
  (state.needsAttention ?? []).filter((item) => item.stepKey !== stepKey);

/** How a refused step is listed for ops, and leaves the list when ops retry or resolve it. */
export const STEP_ATTENTION_EVOLVERS: EvolverMap<'STEP_REFUSED' | 'STEP_RETRIED' | 'STEP_RESOLVED'> = {
  STEP_REFUSED: (state, event) => ({
    ...state,
    needsAttention: [...without(state, event.data.stepKey), { ...event.data, since: event.occurredAt }],
  }),
  STEP_RETRIED: (state, event) => ({ ...state, needsAttention: without(state, event.data.stepKey) }),
  STEP_RESOLVED: (state, event) => {
    const waived = state.waivedSteps ?? [];
    return {
      ...state,
      needsAttention: without(state, event.data.stepKey),
      waivedSteps:
        event.data.waived && !waived.includes(event.data.stepKey) ? [...waived, event.data.stepKey] : waived,
    };
  },
};
