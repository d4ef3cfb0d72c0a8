import { cpus } from 'node:os';
import { CASE_PATHS, CREATE_RETRIED, VIEW_ENDPOINT } from './case-paths';
import { cpuPerCaseMs, cpuVerdict, extraCpu, percentOf } from './report-format';
import { BenchReport, CPU_GROUPS } from './report-model';

/** What was not tried as a tuning, and why. */
export const TUNING_NOTES = [
  'Not tried, and why:',
  '',
  '- **Batching event appends across cases.** Within a case, everything one workflow task decides leaves ' +
    'in one `appendCaseCommands` activity (one PostgreSQL transaction with the inline read model); batching ' +
    'across cases would need a change in `workflows/` and `libs/persistence`, which this bench must not ' +
    'touch. The history table above shows how many appends a case makes; the CPU rows show what they cost.',
  "- **Repeats of the worker-size steps.** Slot and poller sizes swing with the other developers' load " +
    'more than with the setting: by hand on 2026-11-23, 200 cases and one worker each, the SDK defaults gave ' +
    '3.64 and 4.67 cases/s, 100 workflow-task slots with 20 pollers 5.24 and 4.24, 100 slots alone 4.40. ' +
    'No size was a clear gain, so the main figures keep the SDK defaults; a `maxCachedWorkflows` below the ' +
    'cases in flight is a clear loss (replays cost CPU and, by churning the heap, memory too).',
  '- **`workflowThreadPoolSize`** above 1: with `reuseV8Context` (the SDK default) one thread runs every ' +
    "workflow and the SDK documents no gain from more; this machine's two cores are taken by the other " +
    'processes anyway. It is wired (`WORKER_WORKFLOW_THREAD_POOL_SIZE`, `--worker-tuning`) for machines ' +
    'where it may differ.',
];

/** How the bench measures, in words. */
export function methodSection(report: BenchReport): string[] {
  const { options } = report;
  return [
    '## Method',
    '',
    '- `npm run build`, then `node dist/scripts/bench/bench.js` (that is `npm run bench`). The workflow code is ' +
      "bundled once by the bench (the service's `workflows/` and the baseline's) and handed to the workers " +
      'as `WORKFLOW_BUNDLE_PATH`, unless a tuning step measures the opposite.',
    `- Per stack: a fresh Temporal dev server (\`temporal server start-dev\` through scripts/infra/temporal-dev-server.ts, ` +
      'state in a new SQLite file in a temp dir), a fresh database (embedded PostgreSQL in a temp dir, or on ' +
      'TEST_DATABASE_URL / DATABASE_URL), the sandbox (`dist/apps/sandbox/src/main.js`) as every outside ' +
      'system, and the API (`dist/apps/api/src/main.js`, rate limit off). All on 127.0.0.1.',
    '- Workers are child processes, `node dist/apps/worker/src/main.js` (the real entry point, as ' +
      '`npm run start:worker` minus source maps), started one after the other; their resident memory is ' +
      "sampled every 250 ms from /proc and the peak is the kernel's high-water mark (VmHWM).",
    `- Before each measured phase, ${options.warmup} unmeasured cases warm up the JIT, connections and caches. ` +
      `Then all N cases start at once (at most ${options.concurrency} in flight) and each is driven through ` +
      'its path over HTTP only, with the tokens of the customer, merchant, carrier and warehouse. The carrier ' +
      'scans are POSTed by the bench as the carrier would post them to our webhook.',
    '- Throughput = completed cases ÷ (time of the last case seen COMPLETED − time of the first request). ' +
      'A case is complete when `GET /v1/cases/{id}` says COMPLETED; the bench polls it from 50 ms backing ' +
      "off to 1 s, so a case's end is seen up to one poll late.",
    '- Latencies are client-side, per request, including the wait for the workflow (actions are Temporal ' +
      'updates answered once accepted and recorded). Scan → view: from the start of `POST /v1/carrier/events` ' +
      'until `GET /v1/cases/{id}` shows that scan in `returnShipment.status`.',
    '- Baseline: on the same dev server right after ours, the same N and the same worker-process count, a ' +
      'bare workflow (scripts/bench/baseline/baseline.workflow.ts, bundled separately, no-op activities on ' +
      'its own task queue) with the counts of activities, updates, signals and timers measured from our ' +
      'histories in the same run, driven by the Temporal client directly. Ratio = our throughput ÷ its.',
    '- `--workers 1,2` (the default) measures each count on its own fresh stack; `--workers 2` alone is the ' +
      'two-worker run. Every loop is bounded in count and time; the bench stops every process it started ' +
      '(SIGTERM, then SIGKILL after 15 s), drops its databases and removes its temp dir, also on Ctrl-C.',
  ];
}

/** What bounds our throughput against the baseline's, from the first stack's figures. */
export function limitsSection(report: BenchReport): string[] {
  const lines = ['## What limits the ratio', ''];
  const first = report.main[0];
  if (!first?.baseline) {
    lines.push('No baseline was run (`--no-baseline`).');
    return lines;
  }
  const { service, baseline } = first;
  const ours = cpuPerCaseMs(service);
  const bare = cpuPerCaseMs(baseline);
  const cores = cpus().length;
  const share = (group: string) => {
    const seconds = service.cpu.groups[group] ?? 0;
    return `${group} ${((seconds * 1000) / Math.max(1, service.completed)).toFixed(0)} ms`;
  };
  const appends = CASE_PATHS.map((path) => service.profiles[path]?.appendCalls ?? 0);
  const meanAppends = appends.reduce((total, value) => total + value, 0) / appends.length;
  lines.push(
    `On ${cores} cores everything here — the Temporal server, PostgreSQL, the API, the sandbox, the worker and ` +
      'the load generator — shares the same CPUs, so throughput is bounded by the CPU a case costs across all ' +
      `of them: ours took **${ours.toFixed(0)} ms of CPU per case** (${CPU_GROUPS.filter(
        (group) => group !== 'bench driver',
      )
        .map(share)
        .join(', ')}), ` +
      `the baseline **${bare.toFixed(0)} ms** (worker ${(((baseline.cpu.groups.worker ?? 0) * 1000) / Math.max(1, baseline.completed)).toFixed(0)} ms, ` +
      `Temporal ${(((baseline.cpu.groups.temporal ?? 0) * 1000) / Math.max(1, baseline.completed)).toFixed(0)} ms). ` +
      `${cores} cores ÷ CPU per case gives a ceiling of ${((cores * 1000) / Math.max(1, ours)).toFixed(1)} cases/s ` +
      `for ours and ${((cores * 1000) / Math.max(1, bare)).toFixed(1)} for the baseline, before the other ` +
      "developers' load is taken off. " +
      `The measured ${service.throughput.toFixed(2)} and ${baseline.throughput.toFixed(2)} cases/s are ` +
      `${percentOf(service.throughput, (cores * 1000) / Math.max(1, ours))} and ` +
      `${percentOf(baseline.throughput, (cores * 1000) / Math.max(1, bare))} of those ceilings; ` +
      cpuVerdict(service, baseline, bare / Math.max(1, ours)),
    '',
    `Our extra CPU per case over the baseline's, by process: ${extraCpu(service, baseline)}. Where it goes:`,
    '',
    `- **The HTTP API.** Every action is an HTTP request (JWT check, validation, a read of the case view from ` +
      'PostgreSQL to check ownership, then a Temporal update), and `POST /v1/cases` asks the order system for ' +
      'the order, then starts the workflow and waits for its opening in one update-with-start; with all ' +
      `${service.cases} cases opened at once the first workflow tasks queue up behind each other, so that ` +
      'wait is long' +
      (service.timings.get(CREATE_RETRIED).length > 0
        ? `, and the API answered 503 CASE_NOT_YET_RECORDED ${service.timings.get(CREATE_RETRIED).length} times ` +
          "(the busy server lost its update's answer three times; repeated by the bench with the same " +
          'requestId, as API.md says)'
        : '') +
      '. The bench also polls the case view (pickup booked, scan visible, COMPLETED), as a client would: ' +
      `${service.timings.get(VIEW_ENDPOINT).length} GETs. The baseline calls Temporal directly.`,
    `- **The event log.** A case appends its events ${meanAppends.toFixed(1)} times on average ` +
      '(one `appendCaseCommands` activity per workflow task that decided something: the command rows, the ' +
      'expected-version check, the events and the inline case view in one PostgreSQL transaction, with a ' +
      'commit flush; "appends per case" in the figures). The baseline\'s activities do nothing.',
    '- **The outside world.** Pickup booking, the WMS notice, customer notices, the refund, stock ' +
      'reservation and shipment are HTTP calls to the sandbox, each a Temporal activity (see the activity ' +
      'table); the refund runs on its own task queue.',
    '- **Domain logic in the workflow.** Each activation folds events through `evolve`, renders the case ' +
      'view for every update answer, and upserts search attributes on each status change (visibility writes ' +
      "in the dev server's SQLite).",
    '- **Temporal itself is shared.** The dev server is one process with SQLite; it is the same for both, ' +
      'but with ours it competes for the CPU with PostgreSQL, the API and the sandbox.',
    '',
    'So the ratio is mostly a statement about this machine: with the API, PostgreSQL and the Temporal ' +
      'server on their own machines, the worker\'s share (the "worker" CPU row) is what one worker process ' +
      'adds per case.',
  );
  return lines;
}
