import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Process figures read from Linux's /proc: resident memory (current and peak) and CPU time. Elsewhere
 * the readers answer undefined and the report says "n/a".
 */

const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** A field of /proc/<pid>/status in kB, as bytes (VmRSS: resident now; VmHWM: the peak so far). */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident memory every `everyMs` and remembers the peak (VmHWM when readable). */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }

  /** Stops sampling and answers the peak resident memory in bytes (undefined when never readable). */
  stop(): number | undefined {
    clearInterval(this.timer);
    this.sample();
    return this.peak > 0 ? this.peak : undefined;
  }

  private sample(): void {
    const peak = statusBytes(this.pid, 'VmHWM') ?? statusBytes(this.pid, 'VmRSS') ?? 0;
    this.peak = Math.max(this.peak, peak);
  }
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself, seconds. */
  cpu: number;
  /** cutime + cstime: CPU of children it has reaped, seconds. */
  childrenCpu: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text
      .slice(close + 2)
      .split(' ')
      .map((field) => Number(field));
    // After "pid (comm) ": state ppid ... utime(14th overall) stime cutime cstime; indices from state = 0.
    return {
      pid,
      ppid: fields[1],
      comm,
      cpu: (fields[11] + fields[12]) / CLOCK_TICKS,
      childrenCpu: (fields[13] + fields[14]) / CLOCK_TICKS,
    };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
}

/** CPU seconds used so far by each named group of processes, and by the whole machine. */
export interface CpuSnapshot {
  at: number;
  groups: Record<string, number>;
  /** Busy CPU seconds of the whole machine (all processes, ours and others'). */
  machineBusy?: number;
}

/** How to find a group's processes: given pids (and their descendants), or descendants of ours by name. */
export type CpuGroups = Record<string, { pids?: number[]; descendantsNamed?: string }>;

/** CPU seconds of each group now; a group's figure includes its live descendants and what they reaped. */
export function cpuSnapshot(groups: CpuGroups): CpuSnapshot {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const treeCpu = (root: ProcStat): number => {
    let total = root.cpu + root.childrenCpu;
    const stack = [...(children.get(root.pid) ?? [])];
    for (let guard = 0; stack.length > 0 && guard < 100_000; guard++) {
      const next = stack.pop() as ProcStat;
      total += next.cpu + next.childrenCpu;
      stack.push(...(children.get(next.pid) ?? []));
    }
    return total;
  };
  const descendantsOf = (pid: number): ProcStat[] => {
    const found: ProcStat[] = [];
    const stack = [...(children.get(pid) ?? [])];
    for (let guard = 0; stack.length > 0 && guard < 100_000; guard++) {
      const next = stack.pop() as ProcStat;
      found.push(next);
      stack.push(...(children.get(next.pid) ?? []));
    }
    return found;
  };
  const result: Record<string, number> = {};
  for (const [name, group] of Object.entries(groups)) {
    let total = 0;
    for (const pid of group.pids ?? []) {
      const stat = byPid.get(pid);
      if (stat) total += treeCpu(stat);
    }
    if (group.descendantsNamed) {
      // The topmost processes of that name under us (a server and its own children count once).
      const named = descendantsOf(process.pid).filter((stat) => stat.comm === group.descendantsNamed);
      const namedPids = new Set(named.map((stat) => stat.pid));
      for (const stat of named) if (!namedPids.has(stat.ppid)) total += treeCpu(stat);
    }
    result[name] = total;
  }
  return { at: Date.now(), groups: result, machineBusy: machineBusySeconds() };
}

function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU seconds each group used between two snapshots. */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
): { groups: Record<string, number>; machineBusy?: number; wallSeconds: number } {
  const groups: Record<string, number> = {};
  for (const name of Object.keys(after.groups)) {
    groups[name] = Math.max(0, after.groups[name] - (before.groups[name] ?? 0));
  }
  return {
    groups,
    machineBusy:
      after.machineBusy !== undefined && before.machineBusy !== undefined
        ? after.machineBusy - before.machineBusy
        : undefined,
    wallSeconds: (after.at - before.at) / 1000,
  };
}
