import { CaseEventOf, CaseEventType } from '../case.events';
import { CaseDeadlines, CaseState } from '../case.state';

/** How one event type changes the state: pure and total (an event that does not fit is still applied as recorded). */
export type Evolver<T extends CaseEventType> = (state: CaseState, event: CaseEventOf<T>) => CaseState;

/** The evolvers of a set of event types, one per type. */
export type EvolverMap<T extends CaseEventType> = { readonly [K in T]: Evolver<K> };

/** The state's command ids with the given keys added (the same array when nothing is new). */
export const withIds = (state: CaseState, ...keys: Array<string | null>): string[] => {
  const added = keys.filter((key): key is string => key !== null && !state.commandIds.includes(key));
  return added.length === 0 ? state.commandIds : [...state.commandIds, ...added];
};

/** The state's deadlines with `changes` applied. */
export const deadlines = (state: CaseState, changes: Partial<CaseDeadlines>): CaseDeadlines => ({
  ...state.deadlines,
  ...changes,
});
