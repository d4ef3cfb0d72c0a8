// The case-view rebuild, measured: `npm run build && node dist/scripts/bench/rebuild-bench.js
// [--events 100000] [--runs 3] [--load-seconds 5] [--page-size 5000] [--seed 1]`. Generates cases
// with the domain's decide/evolve into a fresh database (DATABASE_URL's server on this machine, or
// an embedded PostgreSQL of its own), then times rebuilds on a quiet log and one under a concurrent
// appender and reader, and prints the tables of docs/benchmarks.md "Rebuild".
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import {
  caseViewProjection,
  CaseViewQueries,
  compareCaseViews,
  EventStore,
  initDatabase,
  rebuildCaseViews,
} from '../../libs/persistence/src';
import { dropDatabase, ensureDatabase, withDatabase } from '../infra/postgres';
import { startBenchPostgres } from './bench-stack';
import { rebuildCpuBetween, rebuildCpuSnapshot } from './rebuild-cpu';
import { startLoad } from './rebuild-load';
import {
  LoadWindowFigures,
  loadTable,
  longestGap,
  rebuildTable,
  splitSamples,
  TimedRebuild,
} from './rebuild-report';
import { seedCases } from './rebuild-seed';

interface RebuildBenchOptions {
  events: number;
  runs: number;
  loadSeconds: number;
  pageSize: number;
  seed: number;
}

function options(): RebuildBenchOptions {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '3' },
      'load-seconds': { type: 'string', default: '5' },
      'page-size': { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const integer = (name: string, value: string | undefined, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return parsed;
  };
  return {
    events: integer('events', values.events, 1),
    runs: integer('runs', values.runs, 1),
    loadSeconds: integer('load-seconds', values['load-seconds'], 1),
    pageSize: integer('page-size', values['page-size'], 1),
    seed: integer('seed', values.seed, 0),
  };
}

const log = (line: string) => process.stderr.write(`[rebuild-bench] ${line}\n`);

async function timedRebuild(dataSource: DataSource, label: string, pageSize: number): Promise<TimedRebuild> {
  const before = await rebuildCpuSnapshot(dataSource);
  const started = performance.now();
  const phases: string[] = [];
  const result = await rebuildCaseViews(dataSource, caseViewProjection, {
    pageSize,
    onProgress: (progress) => {
      if (process.env.REBUILD_BENCH_TRACE)
        phases.push(`${progress.phase}@${(performance.now() - started).toFixed(0)}`);
    },
  });
  if (phases.length > 0)
    log(
      `${label} phases (ms from start): ${phases.join(' ')} end@${(performance.now() - started).toFixed(0)}`,
    );
  const ms = performance.now() - started;
  const cpu = rebuildCpuBetween(before, await rebuildCpuSnapshot(dataSource));
  log(
    `${label}: ${result.events} events in ${ms.toFixed(0)} ms, lock held ${result.swapLockMs} ms; CPU s: ` +
      `node ${cpu.node.toFixed(2)}, PostgreSQL ${cpu.postgres.toFixed(2)}, machine ${cpu.machineBusy.toFixed(2)}`,
  );
  return { label, ms, result, cpu };
}

/** Views equal to a fresh fold of the log: a rebuild left beside the live table, compared row by row. */
async function assertViewsMatchLog(dataSource: DataSource, pageSize: number): Promise<void> {
  await rebuildCaseViews(dataSource, caseViewProjection, { swap: false, pageSize });
  const differences = await compareCaseViews(dataSource);
  if (differences.length > 0) {
    throw new Error(
      `${differences.length} case views differ from the log, e.g. ${JSON.stringify(differences[0])}`,
    );
  }
}

async function underLoad(
  dataSource: DataSource,
  store: EventStore,
  caseIds: readonly string[],
  bench: RebuildBenchOptions,
) {
  const load = startLoad(store, new CaseViewQueries(dataSource), { caseIds, seed: bench.seed + 1 });
  const loadStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, bench.loadSeconds * 1000));
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const from = performance.now();
  loopDelay.enable();
  const rebuild = await timedRebuild(dataSource, 'under load', bench.pageSize);
  loopDelay.disable();
  const to = performance.now();
  log(
    `event loop delay during the rebuild: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, ` +
      `p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
  );
  await load.stop();
  const windows: LoadWindowFigures[] = [
    {
      name: 'appender',
      ...splitSamples(load.appends, from, to),
      longestGap: longestGap(load.appends, from, to),
    },
    { name: 'reader', ...splitSamples(load.reads, from, to), longestGap: longestGap(load.reads, from, to) },
  ];
  log(`the load opened ${load.opened.length} cases; comparing every view with the log`);
  if (process.env.REBUILD_BENCH_TRACE) {
    for (const [name, samples] of [
      ['append', load.appends],
      ['read', load.reads],
    ] as const) {
      const slowest = [...samples]
        .sort((a, b) => b.endedAt - b.startedAt - (a.endedAt - a.startedAt))
        .slice(0, 3);
      log(
        `slowest ${name}s (start ms from the rebuild's start, duration): ${slowest.map((x) => `${(x.startedAt - from).toFixed(0)}:${(x.endedAt - x.startedAt).toFixed(0)}`).join(' ')}`,
      );
    }
  }
  await assertViewsMatchLog(dataSource, bench.pageSize);
  return { rebuild, windows, spans: { beforeMs: from - loadStarted, duringMs: to - from } };
}

async function main(): Promise<void> {
  const bench = options();
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-rebuild-bench-'));
  const postgres = await startBenchPostgres(dir, process.env.DATABASE_URL, log);
  const database = `aftersales_rebuild_bench_${process.pid}`;
  await ensureDatabase(postgres.adminUrl, database);
  const dataSource = await initDatabase(withDatabase(postgres.adminUrl, database), {
    poolSize: 10,
    applicationName: 'aftersales-rebuild-bench',
  });
  try {
    const store = new EventStore(dataSource, { inlineProjections: [caseViewProjection] });
    log(`generating and appending ${bench.events} events (PostgreSQL ${postgres.version}, ${postgres.kind})`);
    const seeded = await seedCases(store, { events: bench.events, seed: bench.seed, log });
    log(`seeded ${seeded.events} events in ${seeded.cases} cases in ${(seeded.ms / 1000).toFixed(1)} s`);
    const quiet: TimedRebuild[] = [];
    for (let run = 1; run <= bench.runs; run += 1) {
      const timed = await timedRebuild(dataSource, `quiet, run ${run}`, bench.pageSize);
      if (timed.result.differencesFromLive !== 0) {
        throw new Error(`the rebuild found ${timed.result.differencesFromLive} live views unlike the log`);
      }
      quiet.push(timed);
    }
    const loaded = await underLoad(dataSource, store, seeded.caseIds, bench);
    console.log(
      `\nRebuild of ${seeded.events.toLocaleString('en-US')} events (${seeded.cases.toLocaleString('en-US')} cases ` +
        `generated with the domain's decide/evolve), PostgreSQL ${postgres.version} (${postgres.kind}), ` +
        `${cpus().length} cores, page ${bench.pageSize}\n`,
    );
    console.log(rebuildTable([...quiet, loaded.rebuild], cpus().length));
    console.log(
      `\nLoad during the rebuild (one appender, one reader; "before": ${bench.loadSeconds} s before it started)\n`,
    );
    console.log(loadTable(loaded.windows, loaded.spans));
    console.log(
      '\nEvery run: the live views equal the rebuilt ones (0 differences), and after the load a fresh fold of the log.',
    );
  } finally {
    await dataSource.destroy();
    await dropDatabase(postgres.adminUrl, database);
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
