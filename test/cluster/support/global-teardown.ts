import { rmSync } from 'node:fs';
import { clusterPostgres, stopPostgres } from './cluster-postgres';

/** Stops the suite's PostgreSQL (whichever process runs it after the restarts) and removes its files. */
export default async function globalTeardown(): Promise<void> {
  await stopPostgres(clusterPostgres());
  if (process.env.CLUSTER_PG_ROOT) rmSync(process.env.CLUSTER_PG_ROOT, { recursive: true, force: true });
}
