import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipments are verified (DOMAIN.md): a tracking number bound to at most one open case (a unique partial
 * index, never a check-then-insert), and every parcel received at a warehouse dock, matched or not.
 */
export class CreateTrackingNumbersAndReceipts1764000000101 implements MigrationInterface {
  name = 'CreateTrackingNumbersAndReceipts1764000000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tracking_numbers (
        id bigserial PRIMARY KEY,
        tracking_number text NOT NULL,
        case_id text NOT NULL,
        carrier text NOT NULL,
        bound_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX tracking_numbers_one_open_case
        ON tracking_numbers (tracking_number) WHERE released_at IS NULL`);
    await queryRunner.query(`CREATE INDEX tracking_numbers_case ON tracking_numbers (case_id)`);
    await queryRunner.query(`
      CREATE TABLE warehouse_receipts (
        receipt_id text PRIMARY KEY,
        warehouse_id text NOT NULL,
        tracking_number text NOT NULL,
        case_id text,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE INDEX warehouse_receipts_unmatched
        ON warehouse_receipts (received_at, receipt_id) WHERE case_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE warehouse_receipts`);
    await queryRunner.query(`DROP TABLE tracking_numbers`);
  }
}
