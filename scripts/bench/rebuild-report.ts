import { CaseViewRebuildResult } from '../../libs/persistence/src';
import { RebuildCpu } from './rebuild-cpu';
import { LoadSample } from './rebuild-load';
import { summarize } from './stats';

/** One timed rebuild. */
export interface TimedRebuild {
  label: string;
  ms: number;
  result: CaseViewRebuildResult;
  /** CPU seconds the rebuild's process and its database's backends used meanwhile, and the whole machine. */
  cpu: RebuildCpu;
}

/** The latencies of one loop of the load before and during the rebuild. */
export interface LoadWindowFigures {
  name: string;
  before: LoadSample[];
  during: LoadSample[];
  /** Longest time within the rebuild in which the loop finished nothing (ms). */
  longestGap: number;
}

/** Samples that started before `from`, and those that overlapped [from, to]. */
export function splitSamples(
  samples: readonly LoadSample[],
  from: number,
  to: number,
): { before: LoadSample[]; during: LoadSample[] } {
  return {
    before: samples.filter((sample) => sample.endedAt < from),
    during: samples.filter((sample) => sample.endedAt >= from && sample.startedAt <= to),
  };
}

/** The longest stretch of [from, to] without a completed operation of the loop. */
export function longestGap(samples: readonly LoadSample[], from: number, to: number): number {
  const ends = samples
    .map((sample) => sample.endedAt)
    .filter((end) => end >= from && end <= to)
    .sort((a, b) => a - b);
  let previous = from;
  let longest = 0;
  for (const end of [...ends, to]) {
    longest = Math.max(longest, end - previous);
    previous = end;
  }
  return longest;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * The rebuild rows: events, time, events/s, what the swap did, and the CPU it took (this process,
 * the database's backends) against what the whole machine was busy with (others' work included).
 */
export function rebuildTable(rebuilds: readonly TimedRebuild[], cores: number): string {
  const lines = [
    '| rebuild | events | streams | time (ms) | events/s | caught up (under lock) | lock held (ms) | differences | ' +
      'CPU s: node + PostgreSQL | events per CPU s | machine busy |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { label, ms: took, result, cpu } of rebuilds) {
    const ownCpu = cpu.node + cpu.postgres;
    const busy = cpu.machineBusy / ((took / 1000) * cores);
    lines.push(
      `| ${label} | ${thousands(result.events)} | ${thousands(result.streams)} | ${thousands(took)} | ` +
        `${thousands(result.events / (took / 1000))} | ${result.caughtUpStreams} (${result.lockedStreams}) | ` +
        `${ms(result.swapLockMs)} | ${result.differencesFromLive} | ${cpu.node.toFixed(2)} + ${cpu.postgres.toFixed(2)} | ` +
        `${thousands(result.events / ownCpu)} | ${Math.round(busy * 100)} % |`,
    );
  }
  return lines.join('\n');
}

/** The load rows: count, ops/s and latencies before and during the rebuild, and the longest gap. */
export function loadTable(
  windows: readonly LoadWindowFigures[],
  spans: { beforeMs: number; duringMs: number },
) {
  const lines = [
    '| loop | window | ops | ops/s | failed | p50 (ms) | p99 (ms) | max (ms) | longest gap (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const window of windows) {
    for (const [label, samples, span] of [
      ['before', window.before, spans.beforeMs],
      ['during rebuild', window.during, spans.duringMs],
    ] as const) {
      const summary = summarize(samples.map((sample) => sample.endedAt - sample.startedAt));
      lines.push(
        `| ${window.name} | ${label} | ${summary.count} | ${(summary.count / (span / 1000)).toFixed(1)} | ` +
          `${samples.filter((sample) => sample.failed).length} | ${ms(summary.p50)} | ${ms(summary.p99)} | ` +
          `${ms(summary.max)} | ${label === 'before' ? '' : ms(window.longestGap)} |`,
      );
    }
  }
  return lines.join('\n');
}
