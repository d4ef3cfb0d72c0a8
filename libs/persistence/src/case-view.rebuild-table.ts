import { QueryRunner } from 'typeorm';
import { CASE_VIEWS_REBUILD_TABLE, CASE_VIEWS_TABLE } from './case-view.table';
import { queryRows } from './sql';

/**
 * Creates the rebuild table beside the live one, with the live table's columns (generated ones
 * included), constraints and primary key, but without its secondary indexes: they are built once
 * over the filled table (a sort per index) instead of updated row by row. Returns the statements
 * that build them, for {@link buildDeferredIndexes}.
 */
export async function createRebuildTable(runner: QueryRunner): Promise<string[]> {
  await runner.query(`DROP TABLE IF EXISTS ${CASE_VIEWS_REBUILD_TABLE}`);
  await runner.query(`CREATE TABLE ${CASE_VIEWS_REBUILD_TABLE} (LIKE ${CASE_VIEWS_TABLE} INCLUDING ALL)`);
  const secondary = await queryRows<{ name: string; definition: string }>(
    runner,
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique
     ORDER BY c.relname`,
    [CASE_VIEWS_REBUILD_TABLE],
  );
  if (secondary.length > 0) {
    await runner.query(
      `DROP INDEX ${secondary.map((index) => `"${index.name.replace(/"/g, '""')}"`).join(', ')}`,
    );
  }
  return secondary.map((index) => index.definition);
}

/**
 * Builds the secondary indexes {@link createRebuildTable} left out, shared round-robin between
 * `runners` (one round trip each): PostgreSQL builds each index in one backend, so the connections
 * build theirs side by side (CREATE INDEX takes a SHARE lock, which does not conflict with itself).
 */
export async function buildDeferredIndexes(
  runners: readonly QueryRunner[],
  statements: readonly string[],
): Promise<void> {
  const shares = runners.map((_, share) =>
    statements.filter((_statement, index) => index % runners.length === share),
  );
  const builds = shares
    .map((share, index) => ({ runner: runners[index], share }))
    .filter(({ share }) => share.length > 0)
    .map(({ runner, share }) => runner.query(share.join(';\n')));
  // Every build settled before the caller goes on (or hands a connection back), then any failure.
  const outcomes = await Promise.allSettled(builds);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
