import { InvalidCursorError } from './persistence.errors';

/** The orders of the case list: a deadline of the view, or its creation or last change. */
export const CASE_LIST_SORTS = [
  'createdAt',
  'updatedAt',
  'merchantRespondBy',
  'merchantAnswerBy',
  'customerShipBy',
  'inspectBy',
] as const;

/** What the case list is ordered by. */
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/** Ascending or descending. */
export type CaseListOrder = 'asc' | 'desc';

/** The column of each sort: `created_at`/`updated_at`, else a deadline column generated from the view. */
const SORT_COLUMNS: Record<CaseListSort, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  merchantRespondBy: 'merchant_respond_by',
  merchantAnswerBy: 'merchant_answer_by',
  customerShipBy: 'customer_ship_by',
  inspectBy: 'inspect_by',
};

/** The order of a sort when none is asked for: the nearest deadline first, the newest case first. */
export function defaultOrderOf(sort: CaseListSort): CaseListOrder {
  return sort === 'createdAt' || sort === 'updatedAt' ? 'desc' : 'asc';
}

/** Whether `sort` is a deadline, which a case may not hold (null). */
function isDeadline(sort: CaseListSort): boolean {
  return sort !== 'createdAt' && sort !== 'updatedAt';
}

/**
 * The SQL key the list is ordered by. A case without the deadline sorts last in both orders: its key
 * is +infinity ascending, -infinity descending (the ascending key is what the deadline indexes hold).
 */
export function sortKeyExpression(sort: CaseListSort, order: CaseListOrder): string {
  const column = SORT_COLUMNS[sort];
  if (!isDeadline(sort)) return column;
  return `COALESCE(${column}, '${order === 'asc' ? 'infinity' : '-infinity'}'::timestamptz)`;
}

/** The position after which the next page starts: the last item's sort key (as text) and case id. */
export interface CursorPosition {
  sort: CaseListSort;
  order: CaseListOrder;
  /** The key as PostgreSQL prints it: ISO 8601 with microseconds, or `infinity`/`-infinity`. */
  key: string;
  caseId: string;
}

const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The SQL text of a key, exact to the microsecond (what a cursor holds). */
export function keyTextExpression(key: string): string {
  return `CASE WHEN isfinite(${key}) THEN to_char(${key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE (${key})::text END`;
}

/**
 * An opaque cursor. The default order (createdAt, newest first) keeps the two-element form earlier
 * versions issued, so their cursors still work; other orders carry their sort and order.
 */
export function encodeCursor(position: CursorPosition): string {
  const isDefault = position.sort === 'createdAt' && position.order === 'desc';
  const parts = isDefault
    ? [position.key, position.caseId]
    : [position.sort, position.order, position.key, position.caseId];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The position of `cursor`; InvalidCursorError for one this service did not issue for this sort and order. */
export function decodeCursor(cursor: string, sort: CaseListSort, order: CaseListOrder): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (!Array.isArray(decoded) || !decoded.every((part) => typeof part === 'string')) {
    throw new InvalidCursorError(cursor);
  }
  const parts = decoded as string[];
  const [cursorSort, cursorOrder, key, caseId] =
    parts.length === 2 ? ['createdAt', 'desc', parts[0], parts[1]] : parts;
  const validKey =
    key !== undefined &&
    ((INSTANT_TEXT.test(key) && !Number.isNaN(Date.parse(key))) ||
      (isDeadline(sort) && key === (order === 'asc' ? 'infinity' : '-infinity')));
  if (
    (parts.length !== 2 && parts.length !== 4) ||
    cursorSort !== sort ||
    cursorOrder !== order ||
    !validKey ||
    caseId === undefined
  ) {
    throw new InvalidCursorError(cursor);
  }
  return { sort, order, key, caseId };
}
