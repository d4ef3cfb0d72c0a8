import { DataSource, QueryRunner } from 'typeorm';
import {
  CaseListOrder,
  CaseListSort,
  decodeCursor,
  defaultOrderOf,
  encodeCursor,
  keyTextExpression,
  sortKeyExpression,
} from './case-view.sort';
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
  /** The `nextCursor` of the previous page (of the same sort and order). */
  cursor?: string;
  /** What the list is ordered by (default `createdAt`); ties are broken by the case id. */
  sort?: CaseListSort;
  /** Default: the nearest deadline first, the newest `createdAt`/`updatedAt` first. */
  order?: CaseListOrder;
}

/** One page of the case list; `nextCursor` is null on the last page. */
export interface CaseListPage<TView> {
  items: TView[];
  nextCursor: string | null;
}

/** Page size of the case list when none is asked for. */
export const CASE_LIST_DEFAULT_LIMIT = 20;

/** Largest page of the case list. */
export const CASE_LIST_MAX_LIMIT = 100;

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

  /**
   * A page of case views matching the filters, ordered by `sort` then the case id (in the same
   * direction); a case without the sorted deadline comes after every case with it.
   */
  async list(query: CaseListQuery = {}): Promise<CaseListPage<TView>> {
    const limit = query.limit ?? CASE_LIST_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > CASE_LIST_MAX_LIMIT) {
      throw new InvalidQueryError('limit', `limit must be an integer from 1 to ${CASE_LIST_MAX_LIMIT}`);
    }
    const sort = query.sort ?? 'createdAt';
    const order = query.order ?? defaultOrderOf(sort);
    const key = sortKeyExpression(sort, order);
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
      const after = decodeCursor(query.cursor, sort, order);
      parameters.push(after.key, after.caseId);
      conditions.push(
        `(${key}, case_id) ${order === 'asc' ? '>' : '<'} ($${parameters.length - 1}::timestamptz, $${parameters.length})`,
      );
    }
    parameters.push(limit + 1);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const direction = order === 'asc' ? 'ASC' : 'DESC';

    const rows = await this.withRunner((runner) =>
      queryRows<{ case_id: string; key_text: string; view: TView }>(
        runner,
        `SELECT case_id, view, ${keyTextExpression(key)} AS key_text
         FROM ${CASE_VIEWS_TABLE} ${where}
         ORDER BY ${key} ${direction}, case_id ${direction}
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
          ? encodeCursor({ sort, order, key: last.key_text, caseId: last.case_id })
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
