import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the service-quality projection's tables: per-case progress and per-merchant totals. */
export class CreateServiceQuality1764000000003 implements MigrationInterface {
  name = 'CreateServiceQuality1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What the projection remembers of each case to time its first response and its resolution.
    await queryRunner.query(`
      CREATE TABLE service_quality_cases (
        case_id text PRIMARY KEY,
        merchant_id text NOT NULL,
        requested_at timestamptz NOT NULL,
        responded_at timestamptz,
        escalated boolean NOT NULL DEFAULT false,
        resolved_at timestamptz,
        refund_due_by timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE merchant_service_quality (
        merchant_id text PRIMARY KEY,
        cases_requested integer NOT NULL DEFAULT 0,
        responses integer NOT NULL DEFAULT 0,
        response_time_ms_sum bigint NOT NULL DEFAULT 0,
        approved_by_timeout integer NOT NULL DEFAULT 0,
        auto_approved integer NOT NULL DEFAULT 0,
        resolved integer NOT NULL DEFAULT 0,
        resolution_time_ms_sum bigint NOT NULL DEFAULT 0,
        escalated_cases integer NOT NULL DEFAULT 0,
        refunds_paid integer NOT NULL DEFAULT 0,
        refunds_paid_late integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE merchant_service_quality`);
    await queryRunner.query(`DROP TABLE service_quality_cases`);
  }
}
