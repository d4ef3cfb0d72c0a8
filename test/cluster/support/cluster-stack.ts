import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../scripts/infra/free-port';
import { RunningPostgres, startEmbeddedPostgres, withDatabase } from '../../../scripts/infra/postgres';
import { RunningCluster, startTemporalCluster } from '../../../scripts/infra/temporal-cluster';
import { persistenceOn } from '../../../scripts/infra/temporal-schema';
import { FaultStack, FaultStackOptions } from '../../faults/support/fault-stack';

const projectRoot = resolve(__dirname, '..', '..', '..');

/**
 * What the cluster scenarios run against: a PostgreSQL server of this file's own (so it can be
 * restarted) holding Temporal's two databases and ours, the Temporal cluster on it (two history
 * processes), and a fault stack (sandbox, worker process, client) on the cluster's frontend.
 */
export class ClusterStack {
  private constructor(
    private postgres: RunningPostgres,
    private readonly postgresDir: string,
    private readonly postgresPort: number,
    readonly cluster: RunningCluster,
    readonly faults: FaultStack,
    readonly logDir: string,
  ) {}

  /** Starts PostgreSQL, the cluster (services logging at info, to see shard ownership) and the fault stack. */
  static async start(options: FaultStackOptions): Promise<ClusterStack> {
    const log = (line: string) => process.stderr.write(`[cluster-stack] ${line}\n`);
    const postgresDir = mkdtempSync(join(tmpdir(), 'aftersales-cluster-pg-'));
    const postgresPort = await freePort();
    const postgres = await startRestartablePostgres(postgresDir, postgresPort);
    const logDir = join(projectRoot, '.data', 'fault-logs', options.name, 'temporal');
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    let cluster: RunningCluster | undefined;
    try {
      cluster = await startTemporalCluster({
        projectRoot,
        persistence: persistenceOn(postgres.url, {
          database: 'temporal',
          visibilityDatabase: 'temporal_visibility',
        }),
        logDir,
        logLevel: 'info',
        log,
      });
      process.env.FAULTS_ADMIN_DATABASE_URL = withDatabase(postgres.url, 'postgres');
      const faults = await FaultStack.start({ ...options, temporalAddress: cluster.address });
      return new ClusterStack(postgres, postgresDir, postgresPort, cluster, faults, logDir);
    } catch (error) {
      await cluster?.stop();
      await postgres.stop();
      rmSync(postgresDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Stops PostgreSQL (fast shutdown: every connection is cut), waits `downMs`, starts it on the same files. */
  async restartPostgres(downMs: number): Promise<void> {
    await this.postgres.stop();
    await new Promise((done) => setTimeout(done, downMs));
    this.postgres = await startRestartablePostgres(this.postgresDir, this.postgresPort);
  }

  /** The shard ids that a history process's log says it acquired (since `from`, a position in its log). */
  shardsAcquired(service: 'history-1' | 'history-2', from = 0): number[] {
    const text = this.cluster.services[service].logText().slice(from);
    const shards = new Set<number>();
    for (const line of text.split('\n')) {
      if (!line.includes('"Acquired shard"')) continue;
      const shard = /"shard-id":(\d+)/.exec(line)?.[1];
      if (shard) shards.add(Number(shard));
    }
    return [...shards].sort((a, b) => a - b);
  }

  /** Stops the fault stack, the cluster and PostgreSQL, and removes PostgreSQL's files. */
  async stop(): Promise<void> {
    await this.faults.stop();
    await this.cluster.stop();
    await this.postgres.stop();
    rmSync(this.postgresDir, { recursive: true, force: true });
  }
}

function startRestartablePostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ dataDir, port, database: 'postgres', persistent: true });
}
