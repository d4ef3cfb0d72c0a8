import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, NativeConnection, WorkflowBundleOption } from '@temporalio/worker';
import { createWorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { eventually } from '../support/eventually';
import { TestStack } from '../support/test-stack';
import { workflowBundleOptions } from '../../libs/definitions/src/workflow-bundle';

// A bad deploy and the workers that run it: shared by the ops test of a non-deterministic deploy and the
// ops desk's browser test.

const quietBundler = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  log: () => undefined,
};

/** The bad deploy on disk: the shipped workflows with a timer before each refund (another command order). */
export interface BadDeployBundle {
  path: string;
  remove(): void;
}

/** Bundles the bad deploy into a temporary file. */
export async function bundleBadDeploy(): Promise<BadDeployBundle> {
  const bundle = await bundleWorkflowCode({
    ...workflowBundleOptions(),
    workflowInterceptorModules: [require.resolve('./fixtures/refund-after-timer.interceptors')],
    logger: quietBundler,
  });
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-bad-deploy-'));
  const path = join(dir, 'bad-deploy-workflows.js');
  writeFileSync(path, bundle.code);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A worker of our own on the stack's task queues, running `workflowBundle` (a deploy, good or bad); its stop. */
export async function startWorker(
  stack: TestStack,
  workflowBundle: WorkflowBundleOption,
): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: stack.config.temporalAddress });
  const runtime = await createWorkerRuntime({
    config: stack.config,
    connection,
    env: { SANDBOX_URL: stack.sandbox.url, INTEGRATIONS_TIMEOUT_MS: '2000' },
    workflowBundle,
  });
  const running = runtime.run();
  running.catch((error: unknown) => console.error('worker stopped with an error', error));
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    runtime.shutdown();
    await running.catch(() => undefined);
    await runtime.close();
    await connection.close();
  };
}

/** Stops the stack's own worker (the shipped code), so only the test's workers serve the queues. */
export async function stopStackWorker(runtime: WorkerRuntime): Promise<void> {
  runtime.shutdown();
  await eventually(async () => {
    const states = runtime.workers.map((worker) => worker.getState());
    expect(states).toEqual(states.map(() => 'STOPPED'));
  }, 30_000);
}
