import { CaseViewColumns, CaseViewFold } from './case-view.fold';
import { StoredEvent } from './stored-event.types';

/** The pure parts a {@link foldingProjection} is built from (libs/domain supplies them). */
export interface FoldingProjectionParts<TState, TEvent, TView> {
  /** Stable name of the read model. */
  name: string;
  /** Whether a stream starting with this event has a view (e.g. its type opens a case). */
  acceptsStream(firstEvent: StoredEvent): boolean;
  /** The state before the first event. */
  initialState: TState;
  /** The stored event as the domain event `evolve` takes (upcasting old schema versions). */
  toDomainEvent(event: StoredEvent): TEvent;
  /** The domain's pure fold step. */
  evolve(state: TState, event: TEvent): TState;
  /** The view of a state; `version` and the first and last stored events give its bookkeeping. */
  toView(state: TState, stream: { version: number; first: StoredEvent; last: StoredEvent }): TView;
  /** The indexed columns of a view. */
  columns(view: TView): CaseViewColumns;
}

/**
 * A case-view fold that folds the whole stream with the domain's `evolve` and renders the
 * view of the final state: the same code path serves the workflow, the append and the rebuild.
 */
export function foldingProjection<TState, TEvent, TView>(
  parts: FoldingProjectionParts<TState, TEvent, TView>,
): CaseViewFold<TView> {
  return {
    name: parts.name,
    foldsWholeStream: true,
    acceptsStream: (firstEvent) => parts.acceptsStream(firstEvent),
    apply: (_current, events) => {
      if (events.length === 0 || events[0].seq !== 1) {
        throw new RangeError(`${parts.name} folds whole streams: the events must start at seq 1`);
      }
      const state = events.reduce(
        (folded, event) => parts.evolve(folded, parts.toDomainEvent(event)),
        parts.initialState,
      );
      const last = events[events.length - 1];
      return parts.toView(state, { version: last.seq, first: events[0], last });
    },
    columns: (view) => parts.columns(view),
  };
}
