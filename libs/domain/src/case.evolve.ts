import { CaseEvent, CaseEventType } from './case.events';
import { CaseState } from './case.state';
import { CLOSING_EVOLVERS } from './evolve/closing.evolve';
import { Evolver, EvolverMap } from './evolve/evolver';
import { OPS_EVOLVERS } from './evolve/ops.evolve';
import { REFUND_EVOLVERS } from './evolve/refund.evolve';
import { REPAIR_EVOLVERS } from './evolve/repair.evolve';
import { REPLACEMENT_EVOLVERS } from './evolve/replacement.evolve';
import { RETURN_SHIPMENT_EVOLVERS } from './evolve/return-shipment.evolve';
import { REVIEW_EVOLVERS } from './evolve/review.evolve';
import { SETTLEMENT_EVOLVERS } from './evolve/settlement.evolve';
import { STEP_ATTENTION_EVOLVERS } from './evolve/step-attention.evolve';
import { SUPPLIER_RETURN_EVOLVERS } from './evolve/supplier-return.evolve';
import { WAREHOUSE_RECEIPT_EVOLVERS } from './evolve/warehouse-receipt.evolve';

// One evolver per event type: the map's type makes a missing one a compile error.
const EVOLVERS: EvolverMap<CaseEventType> = {
  ...REVIEW_EVOLVERS,
  ...RETURN_SHIPMENT_EVOLVERS,
  ...WAREHOUSE_RECEIPT_EVOLVERS,
  ...SETTLEMENT_EVOLVERS,
  ...REFUND_EVOLVERS,
  ...REPLACEMENT_EVOLVERS,
  ...REPAIR_EVOLVERS,
  ...SUPPLIER_RETURN_EVOLVERS,
  ...CLOSING_EVOLVERS,
  ...OPS_EVOLVERS,
  ...STEP_ATTENTION_EVOLVERS,
};

function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  // A type this code does not know (a newer writer): keep the state, still count the event.
  if (!Object.prototype.hasOwnProperty.call(EVOLVERS, event.type)) return state;
  const evolver = EVOLVERS[event.type] as Evolver<CaseEventType> as (s: CaseState, e: CaseEvent) => CaseState;
  return evolver(state, event);
}

/**
 * Folds one event into the state: pure and total (an event that does not fit the state is still
 * applied as recorded; the log is the truth). Deadlines come from the events, never from a policy.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next = applyEvent(state, event);
  return {
    ...next,
    version: state.version + 1,
    createdAt: state.createdAt ?? event.occurredAt,
    updatedAt: event.occurredAt,
  };
}

/** Folds a sequence of events from `from` (the initial state when omitted). */
export function foldCaseEvents(events: readonly CaseEvent[], from: CaseState): CaseState {
  return events.reduce(evolve, from);
}
