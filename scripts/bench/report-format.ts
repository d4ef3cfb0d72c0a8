import { cpus } from 'node:os';
import { StackConfig } from './bench-stack';
import { CasePath } from './case-paths';
import { HistoryProfile } from './history-profile';
import { PhaseResult } from './phases';
import { BenchReport, CPU_GROUPS } from './report-model';
import { LatencySummary } from './stats';

/** The largest share of the machine's CPU that processes not ours used during a phase. */
export function othersPeak(report: BenchReport): string {
  const phases = [
    ...report.main.flatMap(({ service, baseline }) => (baseline ? [service, baseline] : [service])),
    ...report.tunings.map((tuning) => tuning.result),
  ];
  const shares = phases
    .map((phase) => {
      const { machineBusy: busy, wallSeconds } = phase.cpu;
      if (busy === undefined || wallSeconds <= 0) return undefined;
      const ours = Object.values(phase.cpu.groups).reduce((sum, seconds) => sum + seconds, 0);
      return Math.max(0, (busy - ours) / (wallSeconds * cpus().length));
    })
    .filter((share): share is number => share !== undefined);
  return shares.length ? `${(Math.max(...shares) * 100).toFixed(0)} %` : 'an unknown share';
}

/** A row of the history-profile table. */
export function profileRow(path: CasePath, profile: HistoryProfile | undefined): string {
  if (!profile) return `| ${path} | | | | | | | | |`;
  return (
    `| ${path} | ${profile.events} | ${profile.workflowTasks} | ${profile.activities} | ` +
    `${profile.appendCalls} | ${profile.updates} | ${profile.signals} | ` +
    `${profile.timersStarted} / ${profile.timersCancelled} | ${profile.searchAttributeUpserts} |`
  );
}

/** Whether two stack configurations are the same tunings. */
export function sameConfig(a: StackConfig, b: StackConfig): boolean {
  const canonical = (config: StackConfig) =>
    JSON.stringify([
      Object.entries(config.sqlitePragmas).sort(),
      config.prebuiltBundle,
      Object.entries(config.workerTuning).sort(),
    ]);
  return canonical(a) === canonical(b);
}

/** A stack configuration in words. */
export function describeConfig(config: StackConfig): string {
  const pragmas = Object.entries(config.sqlitePragmas);
  const tuning = Object.entries(config.workerTuning);
  return [
    pragmas.length
      ? `SQLite ${pragmas.map(([name, value]) => `${name}=${value}`).join(', ')}`
      : 'SQLite: CLI defaults',
    config.prebuiltBundle ? 'prebuilt workflow bundle' : 'workers bundle at start-up',
    tuning.length
      ? `worker ${tuning.map(([name, value]) => `${name}=${value}`).join(', ')}`
      : 'SDK worker defaults',
  ].join('; ');
}

/** A table row: the label, then one cell per phase. */
export function row(
  label: string,
  columns: readonly PhaseResult[],
  cell: (phase: PhaseResult) => string,
): string {
  return `| ${label} | ${columns.map(cell).join(' | ')} |`;
}

/** Whether the run was CPU-bound, so that the throughput ratio follows the CPU-per-case ratio. */
export function cpuVerdict(service: PhaseResult, baseline: PhaseResult, cpuRatio: number): string {
  const measured = baseline.throughput > 0 ? service.throughput / baseline.throughput : 0;
  if (Math.abs(measured - cpuRatio) <= 0.1) {
    return (
      `both runs were CPU-bound, and the ratio (${measured.toFixed(2)}) is close to the baseline's CPU per ` +
      `case over ours (${cpuRatio.toFixed(2)}).`
    );
  }
  return (
    `the ratio (${measured.toFixed(2)}) is not the CPU ratio (${cpuRatio.toFixed(2)}): at this N at least ` +
    'one run waited on round trips more than on the CPU; use a larger N for a throughput ratio.'
  );
}

/** What the second worker process did to throughput, in words. */
export function secondWorkerVerdict(gain: number, cores: number): string {
  const where =
    `On this ${cores}-core machine a second worker process competes for the same cores with the Temporal ` +
    'server, PostgreSQL, the API and the sandbox, which were already saturated';
  if (gain < 0.9)
    return `${where}, and it cost throughput: each case took more CPU in the workers and in the Temporal server.`;
  if (gain <= 1.1) return `${where}, so it made no difference beyond this machine's noise.`;
  return `${where}, yet it gained ×${gain.toFixed(2)}.`;
}

/** A process group's CPU per completed case. */
export function perCaseMs(phase: PhaseResult, group: string): string {
  return `${(((phase.cpu.groups[group] ?? 0) * 1000) / Math.max(1, phase.completed)).toFixed(0)} ms`;
}

/** `value` as a percentage of `of`. */
export function percentOf(value: number, of: number): string {
  return of > 0 ? `${((value / of) * 100).toFixed(0)} %` : 'n/a';
}

/** Our CPU per case over the baseline's, by process group. */
export function extraCpu(service: PhaseResult, baseline: PhaseResult): string {
  const perCase = (phase: PhaseResult, group: string) =>
    ((phase.cpu.groups[group] ?? 0) * 1000) / Math.max(1, phase.completed);
  return CPU_GROUPS.map((group) => {
    const extra = perCase(service, group) - perCase(baseline, group);
    return `${group} ${extra >= 0 ? '+' : '−'}${Math.abs(extra).toFixed(0)} ms`;
  }).join(', ');
}

/** Our throughput over the baseline's. */
export function ratio(service: PhaseResult, baseline: PhaseResult): string {
  return baseline.throughput > 0 ? `${(service.throughput / baseline.throughput).toFixed(2)}` : 'n/a';
}

/** Every group's CPU per completed case (ms). */
export function cpuPerCaseMs(phase: PhaseResult): number {
  const total = Object.values(phase.cpu.groups).reduce((sum, seconds) => sum + seconds, 0);
  return (total * 1000) / Math.max(1, phase.completed);
}

/** How busy the whole machine was during a phase, and how much of that was not ours. */
export function machineBusy(phase: PhaseResult): string {
  const { machineBusy: busy, wallSeconds } = phase.cpu;
  if (busy === undefined || wallSeconds <= 0) return 'n/a';
  const ours = Object.values(phase.cpu.groups).reduce((sum, seconds) => sum + seconds, 0);
  const cores = cpus().length;
  return `${((busy / (wallSeconds * cores)) * 100).toFixed(0)} % of ${cores} cores (others ${Math.max(0, ((busy - ours) / (wallSeconds * cores)) * 100).toFixed(0)} %)`;
}

/** p50 / p99 of a latency summary. */
export function pair(summary: LatencySummary): string {
  return summary.count ? `${ms(summary.p50)} / ${ms(summary.p99)}` : '';
}

/** Milliseconds, or seconds from one second up. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/** Seconds with one decimal. */
export function secondsOf(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value / 1000).toFixed(1)} s`;
}

/** Bytes in MiB. */
export function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** Append calls per case from the sampled histories (mean over the paths), and the log's transactions per case. */
export function appendsCell(phase: PhaseResult): string {
  if (phase.kind !== 'service') return '';
  const profiles = Object.values(phase.profiles).filter((profile) => profile !== undefined);
  const calls = profiles.length
    ? (profiles.reduce((sum, profile) => sum + profile.appendCalls, 0) / profiles.length).toFixed(1)
    : 'n/a';
  const log = phase.logAppends;
  return `${calls} / ${log ? `${log.appendsPerCase.toFixed(1)} (${log.eventsPerCase.toFixed(1)} events)` : 'n/a'}`;
}
