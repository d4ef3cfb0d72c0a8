import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { freePort } from '../../../scripts/infra/free-port';
import { startEmbeddedPostgres } from '../../../scripts/infra/postgres';
import { FaultInfra } from './fault-infra';

const projectRoot = resolve(__dirname, '..', '..', '..');

/**
 * Starts one PostgreSQL server for the fault suite (each test file makes its own database on it)
 * and makes sure `dist/` is built from the current sources: the worker under test runs as a child
 * process from `dist/apps/worker/src/main.js`. Temporal and the worker are started by each file.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[fault-infra] ${line}\n`);
  ensureFreshBuild(log);
  const stops: Array<() => Promise<void>> = [];
  if (process.env.TEST_DATABASE_URL) {
    process.env.FAULTS_ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL;
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'aftersales-faults-pg-'));
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      persistent: false,
      log,
    });
    stops.push(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    process.env.FAULTS_ADMIN_DATABASE_URL = server.url;
  }
  (globalThis as FaultInfra).__aftersalesFaultInfraStops = stops;
}

/** The sources the worker process runs, compiled by `npm run build`. */
const WORKER_SOURCES = ['apps/worker', 'activities', 'workflows', 'libs'];

/**
 * `npm run test:faults` builds first; a bare `jest -c jest.faults.config.js` after a source change
 * would run the old worker, so then the build runs here. (A source merely touched, newer than its
 * unchanged output, costs an incremental build of a few seconds that rewrites nothing.)
 */
function ensureFreshBuild(log: (line: string) => void): void {
  const stale = staleSources();
  const entry = join(projectRoot, 'dist', 'apps', 'worker', 'src', 'main.js');
  if (stale.length === 0 && existsSync(entry)) return;
  log(`building dist/ (newer sources: ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''})`);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (!existsSync(entry)) throw new Error(`the build did not produce ${relative(projectRoot, entry)}`);
}

/** Sources the worker runs whose build output is missing or older. */
function staleSources(): string[] {
  const stale: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      if (!path.endsWith('.ts') || path.endsWith('.spec.ts') || path.endsWith('.d.ts')) continue;
      const built = join(projectRoot, 'dist', relative(projectRoot, path)).replace(/\.ts$/, '.js');
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) {
        stale.push(relative(projectRoot, path));
      }
    }
  };
  for (const folder of WORKER_SOURCES) visit(join(projectRoot, folder));
  return stale;
}
