import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openTestDataSource } from './persistence-test-support';

describe('a database connection ended by the server while checked out', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('fails the next query, not the process, and the pool goes on with a new connection', async () => {
    const runner = dataSource.createQueryRunner();
    const [{ pid }] = (await runner.query(`SELECT pg_backend_pid() AS pid`)) as Array<{ pid: number }>;
    // Ended between two queries, as a PostgreSQL restart or an administrator's pg_terminate_backend do.
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    await expect(runner.query(`SELECT 1`)).rejects.toThrow();
    await runner.release();
    const [{ answer }] = (await dataSource.query(`SELECT 42 AS answer`)) as Array<{ answer: number }>;
    expect(answer).toBe(42);
  });
});
