import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the append-only domain event log `case_events` (guarded by triggers) and `case_commands`. */
export class CreateEventLog1764000000000 implements MigrationInterface {
  name = 'CreateEventLog1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_events (
        global_position bigserial PRIMARY KEY,
        stream_id text NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1,
        data jsonb NOT NULL,
        actor jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT case_events_stream_seq_key UNIQUE (stream_id, seq),
        CONSTRAINT case_events_event_id_key UNIQUE (event_id)
      )`);
    // The async projectors read in (transaction_id, global_position) order.
    await queryRunner.query(
      `CREATE INDEX case_events_transaction_position_idx ON case_events (transaction_id, global_position)`,
    );
    // SQLSTATE 'AS001' is ours: the store maps it to EventLogImmutableError.
    await queryRunner.query(`
      CREATE FUNCTION case_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'AS001', HINT = 'Append a compensating event instead.';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_no_update_or_delete
        BEFORE UPDATE OR DELETE ON case_events
        FOR EACH ROW EXECUTE FUNCTION case_events_reject_change()`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_no_truncate
        BEFORE TRUNCATE ON case_events
        FOR EACH STATEMENT EXECUTE FUNCTION case_events_reject_change()`);

    await queryRunner.query(`
      CREATE TABLE case_commands (
        command_id text PRIMARY KEY,
        stream_id text NOT NULL,
        result jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_commands`);
    await queryRunner.query(`DROP TABLE case_events`);
    await queryRunner.query(`DROP FUNCTION case_events_reject_change()`);
  }
}
