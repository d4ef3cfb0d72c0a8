import { WORKER_TUNING_VARIABLES, WorkerTuning } from '../../apps/worker/src/workers';
import { TEMPORAL_TOPOLOGIES, TemporalTopology } from '../infra/topology';
import { StackConfig } from './bench-stack';
import {
  MemoryOptions,
  MODE_BOOLEAN_FLAGS,
  MODE_USAGE,
  MODE_VALUE_FLAGS,
  OpenLoopOptions,
  parseMemory,
  parseOpenLoop,
} from './mode-options';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  cases: number;
  /** Worker-process counts to measure, each on its own fresh stack (default 1 and 2). */
  workers: number[];
  /** The Temporal topologies of the main figures, each with every worker count (default the dev server). */
  temporal: TemporalTopology[];
  concurrency: number;
  warmup: number;
  baseline: boolean;
  /** Also measure each tuning before and after, at `tuningCases` cases. */
  tunings: boolean;
  /** Only the tuning runs (no main figures). */
  tuningsOnly: boolean;
  tuningCases: number;
  /** Per phase: no case goes on after this. */
  phaseTimeoutMs: number;
  /** The whole run stops (and cleans up) after this. */
  totalTimeoutMs: number;
  /** Where the report goes (relative to the project root); undefined: not written. */
  out?: string;
  keepTemp: boolean;
  /** The configuration of the main figures. */
  config: StackConfig;
  /** TEST_DATABASE_URL or DATABASE_URL: a server on which fresh databases are made; unset: embedded. */
  databaseUrl?: string;
  /** Open-loop mode (`--rate`, `--rate-of-baseline`): instead of the burst figures. */
  openLoop?: OpenLoopOptions;
  /** Memory-at-scale mode (`--memory`): instead of the burst figures. */
  memory?: MemoryOptions;
}

/** The tunings measured to help on the shared 2-core machine (docs/benchmarks.md); flags override them. */
export const TUNED_CONFIG: StackConfig = {
  sqlitePragmas: { journal_mode: 'wal', synchronous: 'normal' },
  prebuiltBundle: true,
  workerTuning: {},
};

/** Usage text of `npm run bench -- --help`. */
export const USAGE = `npm run bench [-- options]

  --cases N            cases per phase (BENCH_CASES, default 200)
  --workers LIST       worker-process counts to measure, e.g. 1 or 2 or 1,2 (BENCH_WORKERS, default 1,2)
  --temporal LIST      Temporal topologies of the main figures: dev-server, server (the cluster of
                       TEMPORAL_TOPOLOGY=server) or dev-server,server (TEMPORAL_TOPOLOGY, default dev-server)
  --concurrency N      cases in flight at once (BENCH_CONCURRENCY, default: all of them)
  --warmup N           unmeasured cases before each phase (default 4)
  --no-baseline        skip the bare-Temporal baseline
  --no-tunings         skip the before/after runs of each tuning (BENCH_TUNINGS=0)
  --tuning-cases N     cases per tuning run (default min(cases, 100))
  --tunings-only       only the tuning runs
  --sqlite-pragmas P   Temporal dev server SQLite pragmas, "name=value,..." or "none"
                       (default journal_mode=wal,synchronous=normal)
  --no-prebuilt-bundle let each worker bundle its workflows at start-up
  --worker-tuning T    worker sizes, "field=value,..." with fields ${Object.keys(WORKER_TUNING_VARIABLES).join(', ')}
                       or "none" (default none: the SDK's defaults)
  --phase-timeout-s S  per phase (default 900)
  --timeout-s S        whole run (default 3600)
  --out FILE           report file (default docs/benchmarks.md); --no-write prints only
  --keep-temp          keep the temp dir (logs, SQLite files) for inspection

PostgreSQL: a fresh database on TEST_DATABASE_URL or DATABASE_URL when set, else an embedded server in a
temp dir. Temporal: a dev server per stack, its state in the temp dir, or a cluster per stack (five
processes, its databases on that PostgreSQL). Tunings run on dev servers. Everything listens on 127.0.0.1.
${MODE_USAGE}`;

/** Parses argv (after `--`) and the BENCH_* environment. Throws with a message on a bad value. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') && arg !== '-n') throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    const [name, inline] = arg === '-n' ? ['cases', undefined] : arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'help') return 'help';
    if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, true);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new Error(`unknown option --${name}\n\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, value);
  }
  const text = (flag: string, variable?: string) => {
    const value = flags.get(flag);
    if (typeof value === 'string') return value;
    return variable ? env[variable]?.trim() || undefined : undefined;
  };
  const count = (flag: string, variable: string | undefined, fallback: number, min = 1, max = 100_000) => {
    const value = text(flag, variable);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new Error(`--${flag}: expected a whole number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };

  const cases = count('cases', 'BENCH_CASES', 200, 1, 20_000);
  const workersText = text('workers', 'BENCH_WORKERS') ?? '1,2';
  const workers = workersText.split(',').map((part) => {
    const parsed = Number(part.trim());
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 8) {
      throw new Error(`--workers: expected counts from 1 to 8 such as "1,2", got "${workersText}"`);
    }
    return parsed;
  });
  const tuningsVariable = env.BENCH_TUNINGS?.trim();
  const openLoop = parseOpenLoop((flag) => text(flag));
  const memory = parseMemory((flag) => text(flag), flags.has('heap-snapshot'));
  const mode = openLoop !== undefined || memory !== undefined;
  return {
    cases,
    workers: [...new Set(workers)],
    temporal: parseTopologies(text('temporal', 'TEMPORAL_TOPOLOGY') ?? 'dev-server'),
    concurrency: count('concurrency', 'BENCH_CONCURRENCY', cases, 1, 20_000),
    warmup: count('warmup', undefined, 4, 0, 1_000),
    baseline: !flags.has('no-baseline'),
    tunings: !mode && !flags.has('no-tunings') && tuningsVariable !== '0' && tuningsVariable !== 'false',
    tuningsOnly: flags.has('tunings-only'),
    tuningCases: count('tuning-cases', 'BENCH_TUNING_CASES', Math.min(cases, 100), 1, 20_000),
    phaseTimeoutMs: count('phase-timeout-s', undefined, 900, 10, 86_400) * 1000,
    totalTimeoutMs: count('timeout-s', undefined, 3600, 10, 86_400) * 1000,
    out: flags.has('no-write') ? undefined : (text('out') ?? 'docs/benchmarks.md'),
    keepTemp: flags.has('keep-temp'),
    config: {
      sqlitePragmas: parsePairs(
        text('sqlite-pragmas'),
        TUNED_CONFIG.sqlitePragmas,
        'sqlite-pragmas',
        (value) => {
          if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`--sqlite-pragmas: bad value "${value}"`);
          return value;
        },
      ),
      prebuiltBundle: flags.has('no-prebuilt-bundle') ? false : TUNED_CONFIG.prebuiltBundle,
      workerTuning: parseWorkerTuning(text('worker-tuning')),
    },
    databaseUrl: env.TEST_DATABASE_URL?.trim() || env.DATABASE_URL?.trim() || undefined,
    openLoop,
    memory,
  };
}

const BOOLEAN_FLAGS = new Set([
  'no-baseline',
  'no-tunings',
  'tunings-only',
  'no-prebuilt-bundle',
  'no-write',
  'keep-temp',
  ...MODE_BOOLEAN_FLAGS,
]);
const VALUE_FLAGS = new Set([
  'cases',
  'workers',
  'temporal',
  'concurrency',
  'warmup',
  'tuning-cases',
  'sqlite-pragmas',
  'worker-tuning',
  'phase-timeout-s',
  'timeout-s',
  'out',
  ...MODE_VALUE_FLAGS,
]);

function parsePairs<T>(
  value: string | undefined,
  fallback: Record<string, T>,
  flag: string,
  parse: (value: string, name: string) => T,
): Record<string, T> {
  if (value === undefined) return { ...fallback };
  if (value === 'none' || value === '') return {};
  const pairs: Record<string, T> = {};
  for (const pair of value.split(',')) {
    const [name, raw] = pair.split('=');
    if (!name || raw === undefined) throw new Error(`--${flag}: expected "name=value,...", got "${value}"`);
    pairs[name.trim()] = parse(raw.trim(), name.trim());
  }
  return pairs;
}

function parseWorkerTuning(value: string | undefined): WorkerTuning {
  return parsePairs(
    value,
    TUNED_CONFIG.workerTuning as Record<string, number>,
    'worker-tuning',
    (raw, name) => {
      if (!(name in WORKER_TUNING_VARIABLES)) {
        throw new Error(
          `--worker-tuning: unknown field "${name}" (${Object.keys(WORKER_TUNING_VARIABLES).join(', ')})`,
        );
      }
      const parsed = Number(raw);
      if (!Number.isInteger(parsed) || parsed < 0)
        throw new Error(`--worker-tuning: ${name} must be a whole number`);
      return parsed;
    },
  ) as WorkerTuning;
}

function parseTopologies(value: string): TemporalTopology[] {
  const topologies = value.split(',').map((part) => {
    const found = TEMPORAL_TOPOLOGIES.find((topology) => topology === part.trim());
    if (!found)
      throw new Error(`--temporal: expected ${TEMPORAL_TOPOLOGIES.join(' or ')} (or both), got "${value}"`);
    return found;
  });
  return [...new Set(topologies)];
}
