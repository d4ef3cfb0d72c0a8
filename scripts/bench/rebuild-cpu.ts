import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

/** CPU seconds used so far by this process, by the PostgreSQL backends of one database, and by the machine. */
export interface RebuildCpuSnapshot {
  node: number;
  backends: Map<number, number>;
  machineBusy: number;
}

/** CPU seconds between two snapshots. */
export interface RebuildCpu {
  node: number;
  postgres: number;
  machineBusy: number;
}

const CLOCK_TICKS = 100;

/** utime + stime of a process in seconds, from /proc (0 when it is gone or unreadable). */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function machineBusy(): number {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * The CPU figures now. The backends are those connected to the data source's database (the server
 * runs on this machine: the bench refuses any other), read from /proc by their pids.
 */
export async function rebuildCpuSnapshot(dataSource: DataSource): Promise<RebuildCpuSnapshot> {
  const rows = await dataSource.query<Array<{ pid: number }>>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const usage = process.cpuUsage();
  return {
    node: (usage.user + usage.system) / 1e6,
    backends: new Map(rows.map((row) => [row.pid, processCpu(row.pid)])),
    machineBusy: machineBusy(),
  };
}

/** CPU used between `before` and `after` (a backend born in between counts from 0). */
export function rebuildCpuBetween(before: RebuildCpuSnapshot, after: RebuildCpuSnapshot): RebuildCpu {
  let postgres = 0;
  for (const [pid, cpu] of after.backends) postgres += Math.max(0, cpu - (before.backends.get(pid) ?? 0));
  return { node: after.node - before.node, postgres, machineBusy: after.machineBusy - before.machineBusy };
}
