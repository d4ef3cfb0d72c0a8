import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The Temporal server version of the `server` topology (docker-compose.yml names the same). */
export const TEMPORAL_SERVER_VERSION = '1.29.1';

/** The Go module the server and its SQL tool are built from. */
const SERVER_MODULE = 'go.temporal.io/server';

/** The built server, its SQL schema tool, and the PostgreSQL schema files of the same version. */
export interface TemporalServerInstall {
  /** `server start --service X` runs one service. */
  server: string;
  /** `sql create-database | setup-schema | update-schema` prepares the databases. */
  sqlTool: string;
  /** `schema/postgresql/v12` of the server module: `temporal/versioned` and `visibility/versioned`. */
  schemaDir: string;
}

/** Where the build is kept: `~/.cache/aftersales/temporal-server/<version>/` (XDG_CACHE_HOME respected). */
export function temporalServerDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'aftersales', 'temporal-server', TEMPORAL_SERVER_VERSION);
}

function goBinary(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined;
}

/**
 * The Temporal server and SQL tool, built once with `go install` into the per-user cache (a few
 * minutes) together with a copy of the module's PostgreSQL schema; later calls reuse the cache.
 */
export function locateTemporalServer(
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): TemporalServerInstall {
  const dir = temporalServerDir(env);
  // Named as in the compose image (infra/temporal/Dockerfile), and so told apart in `ps` and /proc.
  const install = {
    server: join(dir, 'temporal-server'),
    sqlTool: join(dir, 'temporal-sql-tool'),
    schemaDir: join(dir, 'schema'),
  };
  if (Object.values(install).every((path) => existsSync(path))) return install;
  const go = goBinary(env);
  if (!go) {
    throw new Error(
      `the Temporal server v${TEMPORAL_SERVER_VERSION} is not in ${dir} and there is no Go toolchain to ` +
        'build it: install Go (https://go.dev/dl) or use TEMPORAL_TOPOLOGY=dev-server',
    );
  }
  mkdirSync(dir, { recursive: true });
  const versioned = (pkg: string) => `${SERVER_MODULE}/${pkg}@v${TEMPORAL_SERVER_VERSION}`;
  log(
    `building the Temporal server v${TEMPORAL_SERVER_VERSION} and its SQL tool with go install (once; minutes)...`,
  );
  const gobin = join(dir, 'gobin');
  execFileSync(go, ['install', versioned('cmd/server'), versioned('cmd/tools/sql')], {
    env: { ...env, GOBIN: gobin },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  renameSync(join(gobin, 'server'), install.server);
  renameSync(join(gobin, 'sql'), install.sqlTool);
  const download = execFileSync(
    go,
    ['mod', 'download', '-json', `${SERVER_MODULE}@v${TEMPORAL_SERVER_VERSION}`],
    {
      env,
      cwd: dir,
      encoding: 'utf8',
    },
  );
  const moduleDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not name the directory of ${SERVER_MODULE}`);
  cpSync(join(moduleDir, 'schema', 'postgresql', 'v12'), install.schemaDir, { recursive: true });
  // The module cache is read-only; the copy must not be, or the cache could not be removed.
  execFileSync('chmod', ['-R', 'u+w', install.schemaDir]);
  return install;
}
