import { DataSource, QueryRunner } from 'typeorm';
import { CASE_VIEWS_REBUILD_TABLE, CASE_VIEWS_TABLE, checkedTableName } from './case-view.table';
import { queryRows } from './sql';

/** One case whose live and rebuilt views differ. */
export interface CaseViewDifference {
  caseId: string;
  kind: 'MISSING_IN_LIVE' | 'MISSING_IN_REBUILT' | 'DIFFERENT';
  live: CaseViewRowImage | null;
  rebuilt: CaseViewRowImage | null;
}

/** Every column of a case view row, for comparison reports. */
export interface CaseViewRowImage {
  status: string;
  merchantId: string;
  customerId: string;
  type: string;
  version: number;
  view: unknown;
  createdAt: string;
  updatedAt: string;
}

/**
 * Compares two case view tables row by row (jsonb compares by value); empty when identical. By
 * default the live table against the one a `swap: false` rebuild left beside it.
 */
export async function compareCaseViews(
  dataSource: DataSource,
  tables: { live?: string; rebuilt?: string } = {},
): Promise<CaseViewDifference[]> {
  const runner = dataSource.createQueryRunner();
  try {
    return await compareCaseViewTables(
      runner,
      tables.live ?? CASE_VIEWS_TABLE,
      tables.rebuilt ?? CASE_VIEWS_REBUILD_TABLE,
    );
  } finally {
    await runner.release();
  }
}

/**
 * The differences between two case view tables, in case id order; with `caseIds`, only among
 * those cases (an index lookup each, so it stays short under a lock).
 */
export async function compareCaseViewTables(
  runner: QueryRunner,
  liveTable: string,
  rebuiltTable: string,
  caseIds?: readonly string[],
): Promise<CaseViewDifference[]> {
  if (caseIds && caseIds.length === 0) return [];
  const only = (table: string) =>
    caseIds
      ? `(SELECT * FROM ${checkedTableName(table)} WHERE case_id = ANY($1::text[]))`
      : checkedTableName(table);
  const image = (alias: string) => `CASE WHEN ${alias}.case_id IS NULL THEN NULL ELSE jsonb_build_object(
      'status', ${alias}.status, 'merchantId', ${alias}.merchant_id, 'customerId', ${alias}.customer_id,
      'type', ${alias}.type, 'version', ${alias}.version, 'view', ${alias}.view,
      'createdAt', to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'updatedAt', to_char(${alias}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) END`;
  const columns = (alias: string) =>
    `(${['status', 'merchant_id', 'customer_id', 'type', 'version', 'view', 'created_at', 'updated_at']
      .map((column) => `${alias}.${column}`)
      .join(', ')})`;
  const rows = await queryRows<{
    case_id: string;
    live: CaseViewRowImage | null;
    rebuilt: CaseViewRowImage | null;
  }>(
    runner,
    `SELECT COALESCE(l.case_id, r.case_id) AS case_id, ${image('l')} AS live, ${image('r')} AS rebuilt
     FROM ${only(liveTable)} l FULL OUTER JOIN ${only(rebuiltTable)} r ON r.case_id = l.case_id
     WHERE l.case_id IS NULL OR r.case_id IS NULL OR ${columns('l')} IS DISTINCT FROM ${columns('r')}
     ORDER BY 1`,
    caseIds ? [caseIds] : [],
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    kind: row.live === null ? 'MISSING_IN_LIVE' : row.rebuilt === null ? 'MISSING_IN_REBUILT' : 'DIFFERENT',
    live: row.live,
    rebuilt: row.rebuilt,
  }));
}
