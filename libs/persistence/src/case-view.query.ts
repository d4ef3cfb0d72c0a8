import { DataSource, QueryRunner } from 'typeorm';
import { CASE_VIEWS_TABLE } from './case-view.table';
import { InvalidCursorError, InvalidQueryError } from './persistence.errors';
import { pgError, queryRows } from './sql';

/** Filters and paging of `GET /v1/cases` (all optional; filters combine with AND). */
export interface CaseListQuery {
  status?: string;
  merchantId?: string;
  customerId?: string;
  type?: string;
  /** Page size, 1 to {@link CASE_LIST_MAX_LIMIT} (default {@link CASE_LIST_DEFAULT_LIMIT}). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of the case list, newest first; `nextCursor` is null on the last page. */
export interface CaseListPage<TView> {
  items: TView[];
  nextCursor: string | null;
}

/** Page size of the case list when none is asked for. */
export const CASE_LIST_DEFAULT_LIMIT = 20;

/** Largest page of the case list. */
export const CASE_LIST_MAX_LIMIT = 100;

/** The position after which the next page starts: the last item's (created_at, case_id). */
interface CursorPosition {
  createdAt: string;
  caseId: string;
}

/** Reads the inline case read model: one view by id, and the filtered list with an opaque cursor. */
export class CaseViewQueries<TView = unknown> {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's view, or null when there is no such case. */
  async getById(caseId: string): Promise<TView | null> {
    return this.withRunner(async (runner) => {
      const rows = await queryRows<{ view: TView }>(
        runner,
        `SELECT view FROM ${CASE_VIEWS_TABLE} WHERE case_id = $1`,
        [caseId],
      );
      return rows.length === 0 ? null : rows[0].view;
    });
  }

  /** A page of case views matching the filters, ordered newest first by (createdAt, caseId). */
  async list(query: CaseListQuery = {}): Promise<CaseListPage<TView>> {
    const limit = query.limit ?? CASE_LIST_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > CASE_LIST_MAX_LIMIT) {
      throw new InvalidQueryError('limit', `limit must be an integer from 1 to ${CASE_LIST_MAX_LIMIT}`);
    }
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const filters: Array<[string, string | undefined]> = [
      ['status', query.status],
      ['merchant_id', query.merchantId],
      ['customer_id', query.customerId],
      ['type', query.type],
    ];
    for (const [column, value] of filters) {
      if (value === undefined) continue;
      parameters.push(value);
      conditions.push(`${column} = $${parameters.length}`);
    }
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      parameters.push(after.createdAt, after.caseId);
      conditions.push(
        `(created_at, case_id) < ($${parameters.length - 1}::timestamptz, $${parameters.length})`,
      );
    }
    parameters.push(limit + 1);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;

    const rows = await this.withRunner((runner) =>
      queryRows<{ case_id: string; created_at_text: string; view: TView }>(
        runner,
        `SELECT case_id, view,
           to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_text
         FROM ${CASE_VIEWS_TABLE} ${where}
         ORDER BY created_at DESC, case_id DESC
         LIMIT $${parameters.length}`,
        parameters,
      ),
    ).catch((error: unknown) => {
      // A well-formed cursor with an impossible timestamp (data exception, class 22).
      if (query.cursor !== undefined && pgError(error)?.code?.startsWith('22')) {
        throw new InvalidCursorError(query.cursor);
      }
      throw error;
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => row.view),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.created_at_text, caseId: last.case_id })
          : null,
    };
  }

  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.caseId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(decoded[0]) ||
    Number.isNaN(Date.parse(decoded[0]))
  ) {
    throw new InvalidCursorError(cursor);
  }
  return { createdAt: decoded[0], caseId: decoded[1] };
}
