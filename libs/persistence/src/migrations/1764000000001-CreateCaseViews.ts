import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the inline case read model `case_views` with the indexes of the case list filters. */
export class CreateCaseViews1764000000001 implements MigrationInterface {
  name = 'CreateCaseViews1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_views (
        case_id text NOT NULL,
        status text NOT NULL,
        merchant_id text NOT NULL,
        customer_id text NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        view jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT case_views_pkey PRIMARY KEY (case_id)
      )`);
    // The list is ordered newest first by (created_at, case_id); each filter gets its own prefix.
    await queryRunner.query(`CREATE INDEX case_views_created_idx ON case_views (created_at, case_id)`);
    for (const column of ['status', 'merchant_id', 'customer_id', 'type']) {
      await queryRunner.query(
        `CREATE INDEX case_views_${column}_created_idx ON case_views (${column}, created_at, case_id)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_views`);
  }
}
