import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createApiApp } from '../../apps/api/src/app.factory';
import { signToken, TokenClaims } from '../../apps/api/src/auth/tokens';
import { createSandbox, Sandbox, SandboxOptions } from '../../apps/sandbox/src/sandbox';
import { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';
import { createWorkerRuntime, WorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { dataConverterFor } from '../../libs/codec/src';
import { loadRuntimeConfig, RuntimeConfig } from '../../libs/config/src';

/** What a test file runs against: real Temporal and PostgreSQL (from the global setup), our worker, a sandbox. */
export interface TestStack {
  config: RuntimeConfig;
  temporal: Client;
  runtime: WorkerRuntime;
  sandbox: { url: string; instance: Sandbox; control: SandboxControlClient };
  /** Present when started with `api: true`. */
  api?: { url: string; app: INestApplication; token(claims: TokenClaims): string };
  stop(): Promise<void>;
}

/** Options of {@link startTestStack}. */
export interface TestStackOptions {
  api?: boolean;
  sandbox?: SandboxOptions;
  /** Extra environment for the worker (e.g. an integrations timeout). */
  workerEnv?: NodeJS.ProcessEnv;
  /** Settings over those of the environment (e.g. payload encryption keys), for the worker, API and client. */
  config?: Partial<RuntimeConfig>;
}

/**
 * Starts a sandbox, a worker (with the run's shared workflow bundle) and optionally the API, on task
 * queues of this test file's own, so test files running in parallel never take each other's tasks.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  quietWorkerLogs();
  const suffix = randomUUID().slice(0, 8);
  const config: RuntimeConfig = {
    ...loadRuntimeConfig(process.env),
    caseTaskQueue: `test-cases-${suffix}`,
    refundTaskQueue: `test-refunds-${suffix}`,
    rateLimitPerMinute: 0,
    ...options.config,
  };
  const sandboxInstance = createSandbox(options.sandbox);
  const sandboxServer = await sandboxInstance.listen(0);

  const nativeConnection = await NativeConnection.connect({ address: config.temporalAddress });
  const runtime = await createWorkerRuntime({
    config,
    connection: nativeConnection,
    env: { SANDBOX_URL: sandboxServer.url, INTEGRATIONS_TIMEOUT_MS: '2000', ...options.workerEnv },
    workflowBundle: process.env.AFTERSALES_WORKFLOW_BUNDLE
      ? { codePath: process.env.AFTERSALES_WORKFLOW_BUNDLE }
      : undefined,
  });
  const running = runtime.run();
  running.catch((error: unknown) => console.error('worker stopped with an error', error));

  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: dataConverterFor(config),
  });

  let api: TestStack['api'];
  if (options.api) {
    const app = await createApiApp(config, ['error'], { ...process.env, SANDBOX_URL: sandboxServer.url });
    await app.listen(0, '127.0.0.1');
    const secret = config.authJwtSecret as string;
    api = { url: await app.getUrl(), app, token: (claims) => signToken(secret, claims) };
  }

  return {
    config,
    temporal,
    runtime,
    sandbox: {
      url: sandboxServer.url,
      instance: sandboxInstance,
      control: new SandboxControlClient(sandboxServer.url),
    },
    api,
    stop: async () => {
      await api?.app.close();
      runtime.shutdown();
      await running.catch(() => undefined);
      await runtime.close();
      await connection.close();
      await nativeConnection.close();
      await sandboxServer.close();
    },
  };
}

let runtimeInstalled = false;

/** Workers log warnings and errors only in tests (the runtime is installed once per test file process). */
function quietWorkerLogs(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
