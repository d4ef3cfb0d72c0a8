import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service-quality figures over time: who gave each case its first answer (`answered_by`: MERCHANT,
 * TIMEOUT or AUTO), filled in from the event log for the cases already answered, and indexes for
 * the time ranges (all merchants, or one).
 */
export class AddServiceQualityAnswers1764000000104 implements MigrationInterface {
  name = 'AddServiceQualityAnswers1764000000104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE service_quality_cases ADD COLUMN answered_by text`);
    // The first answer in the log, as the projection took it (only rows whose answer it has seen).
    await queryRunner.query(`
      UPDATE service_quality_cases c SET answered_by = first_answer.by
      FROM (
        SELECT DISTINCT ON (stream_id) stream_id,
          CASE WHEN type = 'CASE_REJECTED' THEN 'MERCHANT' ELSE data ->> 'by' END AS by
        FROM case_events
        WHERE (type = 'CASE_APPROVED' AND data ->> 'by' IN ('MERCHANT', 'TIMEOUT', 'AUTO'))
           OR (type = 'CASE_REJECTED' AND data ->> 'by' = 'MERCHANT')
        ORDER BY stream_id, seq
      ) first_answer
      WHERE first_answer.stream_id = c.case_id AND c.responded_at IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX service_quality_cases_merchant_requested_idx ON service_quality_cases (merchant_id, requested_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX service_quality_cases_requested_idx ON service_quality_cases (requested_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX service_quality_cases_requested_idx`);
    await queryRunner.query(`DROP INDEX service_quality_cases_merchant_requested_idx`);
    await queryRunner.query(`ALTER TABLE service_quality_cases DROP COLUMN answered_by`);
  }
}
