import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abuse signals (DOMAIN.md "Abuse signals from the log"): one row per case a customer opened, written in
 * the transaction that counts the customer's signals (serialised per customer), so a burst of concurrent
 * requests cannot outrun the count. Rebuildable from the CASE_REQUESTED events of the log.
 */
export class CreateCustomerCaseRequests1764000000102 implements MigrationInterface {
  name = 'CreateCustomerCaseRequests1764000000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_case_requests (
        case_id text PRIMARY KEY,
        customer_id text NOT NULL,
        refund_only boolean NOT NULL,
        requested_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_case_requests_customer ON customer_case_requests (customer_id, requested_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_case_requests`);
  }
}
