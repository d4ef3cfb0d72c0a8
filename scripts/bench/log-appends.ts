import { Client as PgClient } from 'pg';

/** What the event log says of some cases' appends. */
export interface LogAppends {
  /** Streams (cases) counted. */
  cases: number;
  /** Committed transactions per stream: appends that wrote something (a retried batch writes nothing twice). */
  appendsPerCase: number;
  eventsPerCase: number;
}

/**
 * Counts the appends of `caseIds` in the log: distinct writing transactions per stream
 * (`count(DISTINCT transaction_id)`), and events per stream; undefined without cases.
 */
export async function countLogAppends(
  databaseUrl: string,
  caseIds: readonly string[],
): Promise<LogAppends | undefined> {
  if (caseIds.length === 0) return undefined;
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ streams: string; transactions: string; events: string }>(
      `SELECT count(*) AS streams, sum(transactions) AS transactions, sum(events) AS events
         FROM (SELECT count(DISTINCT transaction_id) AS transactions, count(*) AS events
                 FROM case_events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id) AS per_stream`,
      [caseIds],
    );
    const streams = Number(rows[0]?.streams ?? 0);
    if (streams === 0) return undefined;
    return {
      cases: streams,
      appendsPerCase: Number(rows[0]?.transactions) / streams,
      eventsPerCase: Number(rows[0]?.events) / streams,
    };
  } finally {
    await client.end();
  }
}
