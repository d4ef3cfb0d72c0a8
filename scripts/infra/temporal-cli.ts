import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The Temporal CLI version this project pins; later versions cannot be `go install`ed. */
export const TEMPORAL_CLI_VERSION = '1.5.1';

/** Where a Temporal CLI binary was found, and how. */
export interface TemporalCliLocation {
  path: string;
  source: 'TEMPORAL_CLI' | 'PATH' | 'project' | 'user-cache' | 'go-install';
}

/** Paths the locator looks at, derived from the project root and the environment. */
export function temporalCliPaths(projectRoot: string, env: NodeJS.ProcessEnv = process.env) {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return {
    projectBin: join(projectRoot, '.tools', 'bin', 'temporal'),
    userCacheBin: join(cacheRoot, 'aftersales', 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal'),
  };
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function cacheCopy(from: string, to: string): void {
  mkdirSync(join(to, '..'), { recursive: true });
  copyFileSync(from, to);
}

/**
 * Finds the Temporal CLI: `TEMPORAL_CLI`, then `temporal` on PATH, then `.tools/bin`, then the per-user
 * cache, else builds it once with `go install` (kept in both places so a clean clone reuses it).
 * Returns undefined when none works, so the caller may fall back to the SDK's own download.
 */
export function locateTemporalCli(
  projectRoot: string,
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): TemporalCliLocation | undefined {
  if (env.TEMPORAL_CLI) {
    if (!existsSync(env.TEMPORAL_CLI)) {
      throw new Error(
        `TEMPORAL_CLI=${env.TEMPORAL_CLI} does not exist; unset it or point it at a temporal binary`,
      );
    }
    return { path: env.TEMPORAL_CLI, source: 'TEMPORAL_CLI' };
  }
  const fromPath = onPath('temporal', env);
  if (fromPath) return { path: fromPath, source: 'PATH' };

  const { projectBin, userCacheBin } = temporalCliPaths(projectRoot, env);
  if (existsSync(projectBin)) {
    if (!existsSync(userCacheBin)) cacheCopy(projectBin, userCacheBin);
    return { path: projectBin, source: 'project' };
  }
  if (existsSync(userCacheBin)) return { path: userCacheBin, source: 'user-cache' };

  const go = onPath('go', env);
  if (!go) {
    log('temporal CLI not found and no Go toolchain to build it');
    return undefined;
  }
  log(`building temporal CLI v${TEMPORAL_CLI_VERSION} with go install (once; a few minutes)...`);
  try {
    execFileSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...env, GOBIN: join(projectRoot, '.tools', 'bin') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    log(`go install of the temporal CLI failed: ${(error as Error).message}`);
    return undefined;
  }
  cacheCopy(projectBin, userCacheBin);
  return { path: projectBin, source: 'go-install' };
}
