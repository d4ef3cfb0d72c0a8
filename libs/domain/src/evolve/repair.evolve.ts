import { EvolverMap, deadlines } from './evolver';

/** How the repair events change the state. */
export const REPAIR_EVOLVERS: EvolverMap<
  'REPAIR_STARTED' | 'REPAIR_FAILED' | 'REPAIR_COMPLETED' | 'REPAIR_CONVERTED'
> = {
  REPAIR_STARTED: (state, event) => ({
    ...state,
    repair: {
      status: 'IN_REPAIR',
      repairId: event.data.repairId,
      attempts: event.data.attempt,
      failures: state.repair?.failures ?? 0,
    },
  }),
  REPAIR_FAILED: (state, event) => ({
    ...state,
    repair: {
      status: 'PENDING',
      repairId: event.data.repairId,
      attempts: Math.max(state.repair?.attempts ?? 0, event.data.attempt),
      failures: (state.repair?.failures ?? 0) + 1,
    },
  }),
  REPAIR_COMPLETED: (state, event) => ({
    ...state,
    repair: {
      status: 'COMPLETED',
      repairId: event.data.repairId,
      attempts: state.repair?.attempts ?? 1,
      failures: state.repair?.failures ?? 0,
    },
    deadlines: deadlines(state, { repairBy: null }),
  }),
  REPAIR_CONVERTED: (state) => ({
    ...state,
    repair: {
      status: 'CONVERTED',
      repairId: state.repair?.repairId ?? null,
      attempts: state.repair?.attempts ?? 0,
      failures: state.repair?.failures ?? 0,
    },
    deadlines: deadlines(state, { repairBy: null }),
  }),
};
