import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { locateTemporalCli } from './temporal-cli';

/** Options for a Temporal CLI dev server run by this project. */
export interface DevServerOptions {
  projectRoot: string;
  /** gRPC port; 0 or unset picks a free one. */
  port?: number;
  /** Web UI port; unset means no UI. */
  uiPort?: number;
  /** The codec server the UI decodes payloads with (the API's `/codec`). */
  uiCodecEndpoint?: string;
  /** SQLite file keeping the server's state across restarts; unset keeps it in memory. */
  dbFilename?: string;
  /**
   * SQLite pragmas of the server's store, passed as `--sqlite-pragma NAME=VALUE`; `{}` keeps the CLI's
   * defaults. Unset: {@link FILE_SQLITE_PRAGMAS} with a `dbFilename`, none in memory.
   */
  sqlitePragmas?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

/**
 * Pragmas of a file-backed store: a write-ahead log, and an fsync per checkpoint rather than per commit.
 * `npm run bench` measured about twice the case throughput with them (docs/benchmarks.md); a power
 * cut may lose the last moments of a dev server's state, never corrupt it.
 */
export const FILE_SQLITE_PRAGMAS: Readonly<Record<string, string>> = {
  journal_mode: 'wal',
  synchronous: 'normal',
};

/** A running dev server: its address and how to stop it. */
export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  cli: string;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with our search attributes registered, using the pinned CLI found
 * by {@link locateTemporalCli}, else the SDK's own download (needs internet).
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const log = options.log ?? (() => undefined);
  const found = locateTemporalCli(options.projectRoot, log);
  if (!found) {
    log('falling back to the Temporal SDK download of the CLI (needs internet access)');
  }
  const pragmas = options.sqlitePragmas ?? (options.dbFilename ? FILE_SQLITE_PRAGMAS : {});
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: found ? { type: 'existing-path', path: found.path } : { type: 'cached-download' },
        ip: '127.0.0.1',
        ...(options.port ? { port: options.port } : {}),
        ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
        ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
        searchAttributes: SEARCH_ATTRIBUTES,
        extraArgs: [
          '--dynamic-config-value',
          'frontend.enableUpdateWorkflowExecution=true',
          ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
          ...Object.entries(pragmas).flatMap(([name, value]) => ['--sqlite-pragma', `${name}=${value}`]),
        ],
      },
    });
  } catch (error) {
    throw new Error(
      `Could not start the Temporal dev server (${(error as Error).message}). Set TEMPORAL_CLI to a temporal ` +
        'v1.5.1 binary, put `temporal` on PATH, or install Go so it can be built with ' +
        '`go install github.com/temporalio/cli/cmd/temporal@v1.5.1`.',
    );
  }
  const address = env.address;
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    cli: found?.path ?? 'sdk-download',
    stop: () => env.teardown(),
  };
}
