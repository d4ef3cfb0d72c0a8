import { NO_DEADLINES } from '../case.state';
import { EvolverMap } from './evolver';

/** How the closing events change the state. */
export const CLOSING_EVOLVERS: EvolverMap<'CASE_CANCELLED' | 'CASE_COMPLETED' | 'CASE_CLOSED'> = {
  CASE_CANCELLED: (state) => ({ ...state, status: 'CANCELLED', deadlines: NO_DEADLINES }),
  CASE_COMPLETED: (state, event) => ({
    ...state,
    status: 'COMPLETED',
    resolution: event.data.resolution,
    refusedUnitsOpen: 0,
    deadlines: NO_DEADLINES,
  }),
  CASE_CLOSED: (state, event) => ({
    ...state,
    status: 'CLOSED',
    closedReason: event.data.reason,
    deadlines: NO_DEADLINES,
  }),
};
