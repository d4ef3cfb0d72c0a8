import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunningCluster, startTemporalCluster } from '../../../scripts/infra/temporal-cluster';
import { persistenceOn } from '../../../scripts/infra/temporal-schema';
import { FaultStack, FaultStackOptions } from '../../faults/support/fault-stack';
import { ClusterPostgres, clusterPostgres, startPostgresAgain, stopPostgres } from './cluster-postgres';

const projectRoot = resolve(__dirname, '..', '..', '..');

/**
 * What the cluster scenarios run against: the suite's PostgreSQL server (its own, so it can be
 * restarted) holding Temporal's two databases and ours, the Temporal cluster on it (two history
 * processes), and a fault stack (sandbox, worker process, client) on the cluster's frontend.
 */
export class ClusterStack {
  private constructor(
    private readonly postgres: ClusterPostgres,
    readonly cluster: RunningCluster,
    readonly faults: FaultStack,
    readonly logDir: string,
  ) {}

  /** Starts PostgreSQL, the cluster (services logging at info, to see shard ownership) and the fault stack. */
  static async start(options: FaultStackOptions): Promise<ClusterStack> {
    const log = (line: string) => process.stderr.write(`[cluster-stack] ${line}\n`);
    const postgres = clusterPostgres();
    // Beside the fault stack's own log folder, which it empties when it starts.
    const logDir = join(projectRoot, '.data', 'fault-logs', `${options.name}-temporal`);
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    const cluster = await startTemporalCluster({
      projectRoot,
      persistence: persistenceOn(postgres.url, {
        database: `temporal_${process.pid}`,
        visibilityDatabase: `temporal_visibility_${process.pid}`,
      }),
      logDir,
      logLevel: 'info',
      log,
    });
    try {
      process.env.FAULTS_ADMIN_DATABASE_URL = postgres.url;
      const faults = await FaultStack.start({ ...options, temporalAddress: cluster.address });
      return new ClusterStack(postgres, cluster, faults, logDir);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** Stops PostgreSQL (fast shutdown: every connection is cut), waits `downMs`, starts it on the same files. */
  async restartPostgres(downMs: number): Promise<void> {
    await stopPostgres(this.postgres);
    await new Promise((done) => setTimeout(done, downMs));
    await startPostgresAgain(this.postgres);
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

  /** Stops the fault stack and the cluster (the suite's teardown stops PostgreSQL). */
  async stop(): Promise<void> {
    await this.faults.stop();
    await this.cluster.stop();
  }
}
