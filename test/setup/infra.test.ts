import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';

describe('test infrastructure', () => {
  it('gives every test file a reachable Temporal server and PostgreSQL database', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/\d+\.\d+/);
    await connection.close();

    const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    const { rows } = await pg.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0].db).toMatch(/^aftersales_test/);
    await pg.end();
  });
});
