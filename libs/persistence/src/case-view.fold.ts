import { StoredEvent } from './stored-event.types';

/** The `case_views` columns a fold extracts from its view for filtering and ordering. */
export interface CaseViewColumns {
  status: string;
  merchantId: string;
  customerId: string;
  type: string;
  /** ISO 8601: the list's order key (with the case id). */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}

/**
 * How a case view is computed from its stream: folds a stream's new events onto its current view.
 * Must be pure and deterministic so that a rebuild from the log gives the same views.
 */
export interface CaseViewFold<TView> {
  /** Stable name, for logs and for the rebuild report. */
  readonly name: string;
  /**
   * True when the view cannot be advanced from itself (it is a lossy image of a richer state): the
   * projection then passes `current = null` and the whole stream, read in the append's transaction.
   */
  readonly foldsWholeStream?: boolean;
  /**
   * Whether the stream that starts with `firstEvent` has a view at all (a stream that is not a
   * case has none); every stream has one when omitted.
   */
  acceptsStream?(firstEvent: StoredEvent): boolean;
  /** The view after `events` (in seq order); `current` is null for the stream's first events. */
  apply(current: TView | null, events: readonly StoredEvent[]): TView;
  /** The indexed columns of `view`. */
  columns(view: TView): CaseViewColumns;
}
