import { CACHED_CASE_WORKFLOW_MIB } from '../../apps/worker/src/worker-cache-size';
import { HeapGrowth } from './heap-summary';
import { MemoryPoint, MemorySeries } from './memory-phase';
import { MemoryReport } from './mode-runs';
import { mb, ms } from './report-format';
import { TOPOLOGY_LABELS } from './report-model';

/** The section's heading (the prefix other runs keep it by). */
export const MEMORY_HEADING = 'Memory at scale';

const MIB = 2 ** 20;

/** RSS growth since idle ÷ cached workflows, MiB (undefined with nothing cached). */
export function mibPerCached(series: MemorySeries, at: MemoryPoint): number | undefined {
  if (at.cachedWorkflows <= 0) return undefined;
  return (at.rssBytes - series.idle.rssBytes) / MIB / at.cachedWorkflows;
}

function heapPerCached(series: MemorySeries, at: MemoryPoint): number | undefined {
  if (at.cachedWorkflows <= 0) return undefined;
  return (at.workflowHeapBytes - series.idle.workflowHeapBytes) / MIB / at.cachedWorkflows;
}

const fixed = (value: number | undefined, digits = 2) =>
  value === undefined ? 'n/a' : value.toFixed(digits);

function seriesRows(series: MemorySeries, other: MemorySeries): string[] {
  const rows = [
    `| ${series.label}, idle | 0 | ${series.idle.cachedWorkflows} | ${mb(series.idle.rssBytes)} | ` +
      `${mb(series.idle.workflowHeapBytes)} / ${mb(series.idle.mainHeapBytes)} | | | | | |`,
  ];
  for (const at of series.points) {
    const twin = other.points.find((candidate) => candidate.size === at.size);
    const ours = mibPerCached(series, at);
    const theirs = twin ? mibPerCached(other, twin) : undefined;
    const ratio = series.kind === 'service' && ours && theirs ? `**${(ours / theirs).toFixed(2)}**` : '';
    rows.push(
      `| ${series.label} | ${at.size} | ${at.cachedWorkflows} | ${mb(at.rssBytes)} | ` +
        `${mb(at.workflowHeapBytes)} / ${mb(at.mainHeapBytes)} | ${fixed(ours)} | ${fixed(heapPerCached(series, at))} | ` +
        `${ratio} | ${ms(at.action.p50)} / ${ms(at.action.p99)} | ${(at.openedInStep / Math.max(1e-9, at.openSeconds)).toFixed(1)}/s |`,
    );
  }
  return rows;
}

function growthTable(label: string, growth: HeapGrowth | undefined): string[] {
  if (!growth) return [];
  return [
    `What a cached workflow holds (${label}): heap snapshots of the workflow thread before the first case ` +
      `and at the first count (${growth.cachedWorkflows} cached), self size by kind of object, growth ÷ cached ` +
      `workflows; ${(growth.bytesPerWorkflow / 1024).toFixed(0)} KiB per workflow in all.`,
    '',
    '| kind of object (constructor, closure, or V8 type) | KiB per workflow | objects per workflow |',
    '| --- | ---: | ---: |',
    ...growth.top.map(
      (entry) =>
        `| ${entry.kind.replace(/\|/g, '\\|').slice(0, 80) || '(empty name)'} | ${(entry.bytesPerWorkflow / 1024).toFixed(1)} | ${entry.countPerWorkflow.toFixed(1)} |`,
    ),
    '',
  ];
}

/** The last size's figures against the first's: the acceptance ratios of issue 12. */
function scaleVerdict(series: MemorySeries): string {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (!first || !last || first === last) return '';
  const rss = last.rssBytes / first.rssBytes;
  const p99 = last.action.p99 / first.action.p99;
  return (
    `Ours from ${first.size} to ${last.size} waiting cases: RSS × ${rss.toFixed(2)} (target ≤ 1.2 with the ` +
    `default cache), action p99 × ${fixed(p99)} (target ≤ 2).`
  );
}

/** The memory section of docs/benchmarks.md. */
export function memorySection(report: MemoryReport, command: string, when: string): string {
  const { service, bare } = report;
  return [
    `## ${MEMORY_HEADING}`,
    '',
    `Measured ${when} with \`${command}\` (${TOPOLOGY_LABELS[report.topology]}, one worker process, a fresh ` +
      `stack per series). Ours: self-ship quality returns opened through \`POST /v1/cases\`, ${service.points.length ? 'each' : ''} ` +
      "waiting on the merchant's 48-hour review clock; the worker sizes its cache itself " +
      `(${service.cacheSize} workflows: the default budget ÷ ${CACHED_CASE_WORKFLOW_MIB} MiB, or --worker-tuning). ` +
      'Bare: a workflow that only waits on a signal or a 48-hour timer (scripts/bench/baseline/), same SDK, ' +
      'server and cache size, started with the Temporal client. At each count, after the cache stopped ' +
      'moving and a full GC of every isolate, the worker reports (over an IPC channel) its RSS, each V8 ' +
      "isolate's live heap (the workflow thread's via the inspector) and its cached workflows; then " +
      "actions on random waiting workflows are timed one after the other (ours: the merchant's " +
      '`POST /v1/cases/{id}/decision`; bare: an update).',
    '',
    '| series | waiting | cached | worker RSS | live heap: workflow thread / main | MiB RSS per cached workflow | MiB workflow heap per cached | ours ÷ bare (RSS per cached) | action p50 / p99 | opened at |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...seriesRows(service, bare),
    ...seriesRows(bare, service),
    '',
    scaleVerdict(service),
    ...(service.failures.length ? ['', `Our failures (first five): ${service.failures.join('; ')}.`] : []),
    ...(bare.failures.length ? ['', `Bare failures (first five): ${bare.failures.join('; ')}.`] : []),
    '',
    ...(service.heapGrowth
      ? [
          'With `--heap-snapshot` the worker writes snapshots of its workflow thread, which add to its RSS ' +
            'from the first count on: read the live-heap columns and the tables below, and take RSS from a run ' +
            'without it.',
          '',
        ]
      : []),
    ...growthTable('ours', service.heapGrowth),
    ...growthTable('bare', bare.heapGrowth),
    'On a loaded machine RSS and latencies move with the other processes; on a quiet one run ' +
      '`npm run bench -- --memory 1000,5000,10000` (about 20 minutes), and ' +
      '`npm run bench -- --memory 200,1000 --heap-snapshot` for the snapshot table.',
    '',
  ].join('\n');
}

/** One terminal line per series. */
export function memorySummary(report: MemoryReport): string {
  return [report.service, report.bare]
    .map(
      (series) =>
        `  ${series.label}: ` +
        series.points
          .map(
            (at) =>
              `${at.size} → RSS ${mb(at.rssBytes)}, ${at.cachedWorkflows} cached, ${fixed(mibPerCached(series, at))} MiB/cached, action p99 ${ms(at.action.p99)}`,
          )
          .join('; '),
    )
    .join('\n');
}
