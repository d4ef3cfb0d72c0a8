import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from './service-process';

/** The Temporal UI server version: the one the pinned CLI embeds and docker-compose.yml runs. */
export const TEMPORAL_UI_VERSION = '2.42.1';

/** Options of {@link startTemporalUi}. */
export interface TemporalUiOptions {
  /** The frontend the UI talks to. */
  address: string;
  port: number;
  /** Its config and log go here. */
  logDir: string;
  /** The codec server the UI decodes payloads with (the API's `/codec`). */
  codecEndpoint?: string;
  log?: (line: string) => void;
}

/** A running UI server. */
export interface RunningTemporalUi {
  url: string;
  stop(): Promise<void>;
}

/** The UI server, built once with `go install` into `~/.cache/aftersales/temporal-ui/<version>/`. */
export function locateTemporalUi(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(cacheRoot, 'aftersales', 'temporal-ui', TEMPORAL_UI_VERSION);
  const binary = join(dir, 'server');
  if (existsSync(binary)) return binary;
  log(`building the Temporal UI server v${TEMPORAL_UI_VERSION} with go install (once)...`);
  execFileSync('go', ['install', `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_VERSION}`], {
    env: { ...env, GOBIN: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return binary;
}

/**
 * Starts Temporal's Web UI server (the module embeds its built pages) against `address`, and waits
 * until it answers.
 */
export async function startTemporalUi(options: TemporalUiOptions): Promise<RunningTemporalUi> {
  const binary = locateTemporalUi(options.log ?? (() => undefined));
  const configDir = join(options.logDir, 'ui-config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'aftersales.yaml'),
    [
      `temporalGrpcAddress: ${options.address}`,
      'host: 127.0.0.1',
      `port: ${options.port}`,
      'enableUi: true',
      'defaultNamespace: default',
      'notifyOnNewVersion: false',
      ...(options.codecEndpoint ? ['codec:', `  endpoint: ${options.codecEndpoint}`] : []),
      '',
    ].join('\n'),
  );
  const ui = new ServiceProcess({
    name: 'temporal-ui',
    command: binary,
    args: ['--root', configDir, '--config', '.', '--env', 'aftersales', 'start'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    logFile: join(options.logDir, 'ui.log'),
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!ui.alive) throw new Error(`the UI server ${ui.exit}:\n${ui.tail()}`);
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return { url, stop: () => ui.stop() };
    if (Date.now() > deadline) {
      await ui.stop();
      throw new Error(`the UI server did not answer at ${url} within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
