import { MigrationInterface, QueryRunner } from 'typeorm';

/** The deadlines the case list sorts by, and the column each is generated into. */
const DEADLINE_COLUMNS: Array<[column: string, deadline: string]> = [
  ['merchant_respond_by', 'merchantRespondBy'],
  ['merchant_answer_by', 'merchantAnswerBy'],
  ['customer_ship_by', 'customerShipBy'],
  ['inspect_by', 'inspectBy'],
];

/**
 * `GET /v1/cases?sort=<deadline>`: each deadline of the view as a timestamptz column generated from
 * the view itself (so the projection, the rebuild and its table copy need no change), with indexes on
 * the ascending sort key (a case without the deadline last) and on the last change.
 */
export class AddCaseViewDeadlines1764000000103 implements MigrationInterface {
  name = 'AddCaseViewDeadlines1764000000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A generated column needs an immutable expression, and a text-to-timestamptz cast is not one (it
    // reads the session's TimeZone for texts without an offset). The views' deadlines are ISO 8601 UTC
    // (`...Z`), whose cast does not depend on the session; anything else is no deadline (NULL).
    await queryRunner.query(`
      CREATE FUNCTION aftersales_utc_instant(value text) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN value ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$'
          THEN value::timestamptz END
      $$`);
    for (const [column, deadline] of DEADLINE_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE case_views ADD COLUMN ${column} timestamptz
         GENERATED ALWAYS AS (aftersales_utc_instant(view -> 'deadlines' ->> '${deadline}')) STORED`,
      );
      await queryRunner.query(
        `CREATE INDEX case_views_${column}_idx
         ON case_views ((COALESCE(${column}, 'infinity'::timestamptz)), case_id)`,
      );
    }
    // A merchant's queue: its cases by the time left to answer them.
    await queryRunner.query(
      `CREATE INDEX case_views_merchant_id_merchant_respond_by_idx
       ON case_views (merchant_id, (COALESCE(merchant_respond_by, 'infinity'::timestamptz)), case_id)`,
    );
    await queryRunner.query(`CREATE INDEX case_views_updated_idx ON case_views (updated_at, case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX case_views_updated_idx`);
    await queryRunner.query(`DROP INDEX case_views_merchant_id_merchant_respond_by_idx`);
    for (const [column] of DEADLINE_COLUMNS) {
      await queryRunner.query(`ALTER TABLE case_views DROP COLUMN ${column}`);
    }
    await queryRunner.query(`DROP FUNCTION aftersales_utc_instant(text)`);
  }
}
