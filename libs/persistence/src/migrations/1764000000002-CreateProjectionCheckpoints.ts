import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates `projection_checkpoints`: how far each async projector has read, as (xid8, global_position). */
export class CreateProjectionCheckpoints1764000000002 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        last_transaction_id xid8 NOT NULL DEFAULT '0',
        last_global_position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_checkpoints`);
  }
}
