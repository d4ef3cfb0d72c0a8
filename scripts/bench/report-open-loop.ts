import { cpus } from 'node:os';
import { ACTION_ENDPOINTS, CASE_DURATION, CREATE_ENDPOINT, SCAN_TO_VIEW } from './case-paths';
import { OpenLoopReport, OpenLoopStep } from './mode-runs';
import { OpenLoopResult } from './open-loop-phase';
import { BASELINE_CASE, BASELINE_START, BASELINE_START_TO_FIRST_UPDATE, BASELINE_UPDATE } from './phases';
import { appendsCell, mb, ms, pair } from './report-format';
import { TOPOLOGY_LABELS } from './report-model';
import { LatencySummary } from './stats';

/** The section's heading (the prefix other runs keep it by). */
export const OPEN_LOOP_HEADING = 'Open-loop latency';

function p99Ratio(ours: LatencySummary, theirs: LatencySummary): string {
  return ours.count && theirs.count && theirs.p99 > 0 ? `${(ours.p99 / theirs.p99).toFixed(2)}` : 'n/a';
}

function busy(result: OpenLoopResult): string {
  const { machineBusy, wallSeconds } = result.cpu;
  if (machineBusy === undefined || wallSeconds <= 0) return 'n/a';
  const ours = Object.values(result.cpu.groups).reduce((sum, seconds) => sum + seconds, 0);
  const cores = cpus().length;
  return `${((machineBusy / (wallSeconds * cores)) * 100).toFixed(0)} % (others ${Math.max(0, ((machineBusy - ours) / (wallSeconds * cores)) * 100).toFixed(0)} %)`;
}

function stepTable(step: OpenLoopStep, burstThroughput?: number): string[] {
  const { service: ours, baseline: bare } = step;
  const create = ours.timings.summary(CREATE_ENDPOINT);
  const firstUpdate = bare.timings.summary(BASELINE_START_TO_FIRST_UPDATE);
  const actions = ours.timings.merged(ACTION_ENDPOINTS);
  const updates = bare.timings.summary(BASELINE_UPDATE);
  const share =
    step.fraction !== undefined && burstThroughput
      ? ` = ${(step.fraction * 100).toFixed(0)} % of the baseline's burst ${burstThroughput.toFixed(2)} cases/s`
      : '';
  const verdict = (ratio: string) => (ratio === 'n/a' ? 'n/a' : Number(ratio) <= 2 ? 'yes' : '**no**');
  return [
    `### ${step.rate} cases/s for ${ours.durationS} s${share}`,
    '',
    '| | ours | baseline | ours ÷ baseline (p99) |',
    '| --- | ---: | ---: | ---: |',
    `| cases offered / completed | ${ours.offered} / ${ours.completed} | ${bare.offered} / ${bare.completed} | |`,
    `| completed per second (first arrival → last complete) | ${ours.throughput.toFixed(2)} | ${bare.throughput.toFixed(2)} | |`,
    `| arrivals sent over 1 s late (driver behind) | ${ours.lateArrivals} | ${bare.lateArrivals} | |`,
    `| **create**: POST /v1/cases · start → first update answered, p50 / p99 | ${pair(create)} | ${pair(firstUpdate)} | **${p99Ratio(create, firstUpdate)}** |`,
    `| (baseline: the start call alone) | | ${pair(bare.timings.summary(BASELINE_START))} | |`,
    `| **actions**: action endpoints · one update with its activity, p50 / p99 | ${pair(actions)} | ${pair(updates)} | **${p99Ratio(actions, updates)}** |`,
    `| scan POST → case view shows it, p50 / p99 | ${pair(ours.timings.summary(SCAN_TO_VIEW))} | | |`,
    `| one case, start → complete, p50 / p99 | ${pair(ours.timings.summary(CASE_DURATION))} | ${pair(bare.timings.summary(BASELINE_CASE))} | |`,
    `| worker peak RSS | ${ours.workerPeakRss.map(mb).join(' + ')} | ${bare.workerPeakRss.map(mb).join(' + ')} | |`,
    `| machine busy (others) | ${busy(ours)} | ${busy(bare)} | |`,
    '',
    `Create p99 ≤ 2 × the baseline's start → first update p99: ${verdict(p99Ratio(create, firstUpdate))}; ` +
      `actions p99 ≤ 2 × the baseline's update p99: ${verdict(p99Ratio(actions, updates))}.` +
      (ours.failures.length ? ` Our failures (first five): ${ours.failures.join('; ')}.` : '') +
      (bare.failures.length ? ` Baseline failures: ${bare.failures.join('; ')}.` : ''),
    '',
  ];
}

/** The open-loop section of docs/benchmarks.md. */
export function openLoopSection(report: OpenLoopReport, command: string, when: string): string {
  const { profile, burst } = report;
  return [
    `## ${OPEN_LOOP_HEADING}`,
    '',
    `Measured ${when} with \`${command}\` (${TOPOLOGY_LABELS[report.topology]}, ${profile.workers} worker ` +
      'process, a fresh stack). Cases arrive on a fixed schedule (case *i* at *i* ÷ rate seconds), each ' +
      'driven through its path as in the burst, none waiting for an earlier one; then the baseline ' +
      "workflows arrive at the same rate on the same server. The baseline's **create** is its start call " +
      'until its first update has answered (the workflow has run its first task, as `POST /v1/cases` ' +
      'answers once the request is recorded); its **actions** are one update whose handler runs one activity.',
    '',
    burst
      ? `The baseline's burst throughput in this run: **${burst.throughput.toFixed(2)} cases/s** ` +
        `(${burst.completed}/${burst.cases} cases all in flight at once).`
      : 'Rates given in cases/s (`--rate`).',
    '',
    `Appends per case (${profile.completed} closed-loop cases of the mix first, whose histories also give ` +
      `the baseline its plan): append activities in the sampled histories / transactions in the log ` +
      `(events): ${appendsCell(profile)}.`,
    '',
    ...report.steps.flatMap((step) => stepTable(step, burst?.throughput)),
    'On a loaded machine (other helpers running test suites) these latencies are noise; on a quiet one run ' +
      '`npm run bench -- --rate-of-baseline 0.5,0.8 --duration 120 --cases 200`.',
    '',
  ].join('\n');
}

/** One terminal line per rate. */
export function openLoopSummary(report: OpenLoopReport): string {
  return report.steps
    .map(
      ({ rate, service, baseline }) =>
        `  at ${rate}/s: ours create p99 ${ms(service.timings.summary(CREATE_ENDPOINT).p99)}, actions p99 ` +
        `${ms(service.timings.merged(ACTION_ENDPOINTS).p99)}, ${service.completed}/${service.offered} completed; ` +
        `baseline start→first update p99 ${ms(baseline.timings.summary(BASELINE_START_TO_FIRST_UPDATE).p99)}, ` +
        `update p99 ${ms(baseline.timings.summary(BASELINE_UPDATE).p99)}, ${baseline.completed}/${baseline.offered}`,
    )
    .join('\n');
}
