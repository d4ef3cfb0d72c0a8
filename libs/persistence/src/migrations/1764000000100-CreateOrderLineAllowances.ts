import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allowances per order line (DOMAIN.md "Allowances per order line"): one row per line with its running
 * totals, and what each case holds on it (units per case and line, money per refund and line). The CHECKs
 * are the last guard; the repositories' conditional updates keep every line inside them.
 */
export class CreateOrderLineAllowances1764000000100 implements MigrationInterface {
  name = 'CreateOrderLineAllowances1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_line_allowances (
        order_id text NOT NULL,
        line_id text NOT NULL,
        sku text NOT NULL,
        currency text NOT NULL,
        ordered integer NOT NULL CHECK (ordered > 0),
        paid bigint NOT NULL CHECK (paid >= 0),
        held integer NOT NULL DEFAULT 0 CHECK (held >= 0),
        returned integer NOT NULL DEFAULT 0 CHECK (returned >= 0),
        reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        refunded bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, line_id),
        CHECK (held + returned <= ordered),
        CHECK (reserved + refunded <= paid)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_line_unit_holds (
        case_id text NOT NULL,
        order_id text NOT NULL,
        line_id text NOT NULL,
        held integer NOT NULL CHECK (held > 0),
        consumed integer NOT NULL DEFAULT 0 CHECK (consumed >= 0),
        released integer NOT NULL DEFAULT 0 CHECK (released >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, order_id, line_id),
        FOREIGN KEY (order_id, line_id) REFERENCES order_line_allowances (order_id, line_id),
        CHECK (consumed + released <= held)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_line_refund_holds (
        refund_id text NOT NULL,
        order_id text NOT NULL,
        line_id text NOT NULL,
        case_id text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('RESERVED', 'PAID', 'GIVEN_BACK')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (refund_id, order_id, line_id),
        FOREIGN KEY (order_id, line_id) REFERENCES order_line_allowances (order_id, line_id)
      )`);
    await queryRunner.query(`CREATE INDEX order_line_refund_holds_case ON order_line_refund_holds (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_line_refund_holds`);
    await queryRunner.query(`DROP TABLE order_line_unit_holds`);
    await queryRunner.query(`DROP TABLE order_line_allowances`);
  }
}
