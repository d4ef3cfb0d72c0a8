import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { WorkerMemoryStats } from '../../apps/worker/src/memory-stats';
import { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';
import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { ApiClient, UnexpectedAnswer } from './api-client';
import {
  BARE_WAITING_WORKFLOW_TYPE,
  BASELINE_TASK_QUEUE,
  bareTouchUpdate,
} from './baseline/baseline.definitions';
import { BenchChild } from './child-process';
import { BenchStack, StackContext, startWorkers } from './bench-stack';
import { caseRequest } from './case-paths';
import { summarizeHeapGrowth, HeapGrowth } from './heap-summary';
import { MemoryOptions } from './mode-options';
import { range } from './phases';
import { LatencySummary, mapConcurrent, Timings } from './stats';

/** The worker's memory with `size` workflows waiting. */
export interface MemoryPoint {
  size: number;
  cachedWorkflows: number;
  rssBytes: number;
  /** Live V8 heap (after a full GC): the workflow threads', and the main thread's. */
  workflowHeapBytes: number;
  mainHeapBytes: number;
  /** Workflows this step opened, and the seconds it took. */
  openedInStep: number;
  openSeconds: number;
  /** The timed actions at this size (ours: a merchant decision; bare: an update). */
  action: LatencySummary;
}

/** One kind's series: its idle figures, then one point per size. */
export interface MemorySeries {
  label: string;
  kind: 'service' | 'bare';
  cacheSize: number;
  idle: MemoryPoint;
  points: MemoryPoint[];
  failures: string[];
  heapGrowth?: HeapGrowth;
}

const ACTION = 'memory: action';
const MERCHANT: TokenClaims = { sub: 'm-bench-agent', role: 'merchant', merchantId: 'm-bench' };

/** What opens and touches the workflows of one kind. */
interface Opener {
  open(index: number): Promise<string>;
  touch(id: string, timings: Timings): Promise<void>;
}

/** Our cases: self-ship quality returns that wait on the merchant's 48-hour review clock. */
function serviceOpener(stack: BenchStack, runId: string, timings: Timings): Opener {
  // The API client records every call; the memory series times the actions itself.
  const orders = new SandboxControlClient(stack.sandboxUrl);
  const api = new ApiClient(stack.apiUrl, stack.secret, timings);
  return {
    async open(index) {
      const customerId = `c-mem-${index % 50}`;
      const customer: TokenClaims = { sub: customerId, role: 'customer', customerId };
      const request = await caseRequest(orders, 'self-ship-merchant', 'm-bench', customerId);
      const created = await api.call('POST', '/v1/cases', customer, 'memory: POST /v1/cases', request);
      if (created.status !== 201) throw new UnexpectedAnswer('POST /v1/cases', created);
      if (created.body.status !== 'PENDING_MERCHANT_REVIEW') {
        throw new Error(`case ${String(created.body.caseId)} is ${String(created.body.status)}, not waiting`);
      }
      return String(created.body.caseId);
    },
    async touch(caseId) {
      await api.expect(200, 'POST', `/v1/cases/${caseId}/decision`, MERCHANT, ACTION, {
        decisionId: `d-${runId}-${caseId}`,
        decision: 'APPROVE',
        note: 'bench memory',
      });
    },
  };
}

/** The bare waiting workflow, started and touched with the Temporal client. */
function bareOpener(client: Client, runId: string): Opener {
  return {
    async open(index) {
      const workflowId = `bare-${runId}-${index}`;
      await client.workflow.start(BARE_WAITING_WORKFLOW_TYPE, { workflowId, taskQueue: BASELINE_TASK_QUEUE });
      return workflowId;
    },
    async touch(workflowId, timings) {
      await timings.time(ACTION, () => client.workflow.getHandle(workflowId).executeUpdate(bareTouchUpdate));
    },
  };
}

/** Asks the worker for its figures after a full GC, once its cache has stopped moving. */
async function settledStats(worker: BenchChild, expectCached: number): Promise<WorkerMemoryStats> {
  let last = await worker.ask<WorkerMemoryStats>({ type: 'memory-stats' }, 'memory-stats');
  for (let i = 0; i < 30 && last.cachedWorkflows < expectCached; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await worker.ask<WorkerMemoryStats>({ type: 'memory-stats' }, 'memory-stats');
    if (next.cachedWorkflows === last.cachedWorkflows) break;
    last = next;
  }
  return worker.ask<WorkerMemoryStats>({ type: 'memory-stats', gc: true }, 'memory-stats');
}

function point(
  size: number,
  stats: WorkerMemoryStats,
  opening: { openedInStep: number; openSeconds: number },
  action: LatencySummary,
): MemoryPoint {
  const heaps = (pick: (thread: string) => boolean) =>
    stats.heaps.filter((heap) => pick(heap.thread)).reduce((sum, heap) => sum + heap.usedBytes, 0);
  return {
    size,
    cachedWorkflows: stats.cachedWorkflows,
    rssBytes: stats.rssBytes,
    workflowHeapBytes: heaps((thread) => thread !== 'main'),
    mainHeapBytes: heaps((thread) => thread === 'main'),
    ...opening,
    action,
  };
}

/**
 * Opens workflows of one kind up to each size of `options.sizes` (a few at a time), and at each size
 * reads the worker's memory and times `options.actions` actions on random waiting workflows.
 */
export async function runMemorySeries(
  ctx: StackContext,
  stack: BenchStack,
  kind: MemorySeries['kind'],
  options: MemoryOptions & { cacheSize: number; runId: string },
  label: string,
): Promise<MemorySeries> {
  // Ours runs with the cache it would size itself (the shipped default, or --worker-tuning); the bare
  // one is given the same count, so both hold as many workflows.
  const env = kind === 'bare' ? { WORKER_MAX_CACHED_WORKFLOWS: String(options.cacheSize) } : {};
  const running = await startWorkers(ctx, stack, kind === 'service' ? 'service' : 'baseline', 1, label, env);
  const worker = running.children[0];
  const opener =
    kind === 'service'
      ? serviceOpener(stack, options.runId, new Timings())
      : bareOpener(stack.client, options.runId);
  const failures: string[] = [];
  const fail = (what: string) => (error: Error) => {
    if (failures.length < 5) failures.push(`${what}: ${error.message}`);
    return undefined;
  };
  try {
    const idle = point(
      0,
      await settledStats(worker, 0),
      { openedInStep: 0, openSeconds: 0 },
      new Timings().summary(ACTION),
    );
    const idleSnapshot = options.heapSnapshot ? await snapshot(ctx, worker, `${kind}-idle`) : undefined;
    let heapGrowth: HeapGrowth | undefined;
    const points: MemoryPoint[] = [];
    let opened = 0;
    const untouched: string[] = [];
    for (const size of options.sizes) {
      const started = performance.now();
      const indices = range(size - opened).map((i) => opened + i);
      const ids = await mapConcurrent(indices, options.concurrency, (index) =>
        opener.open(index).catch(fail(`open #${index}`)),
      );
      opened = size;
      untouched.push(...ids.filter((id): id is string => id !== undefined));
      const openSeconds = (performance.now() - started) / 1000;
      ctx.log(`${label}: ${size} opened (${(indices.length / openSeconds).toFixed(1)}/s)`);
      const stats = await settledStats(worker, Math.min(size, options.cacheSize));
      if (idleSnapshot && !heapGrowth) {
        const after = await snapshot(ctx, worker, `${kind}-${size}`);
        heapGrowth = summarizeHeapGrowth(idleSnapshot, after, stats.cachedWorkflows);
      }
      const actions = new Timings();
      for (const id of pickRandom(untouched, options.actions)) {
        const before = performance.now();
        await opener.touch(id, new Timings()).catch(fail(`action on ${id}`));
        actions.add(ACTION, performance.now() - before);
      }
      const opening = { openedInStep: indices.length, openSeconds };
      points.push(point(size, stats, opening, actions.summary(ACTION)));
    }
    return { label, kind, cacheSize: options.cacheSize, idle, points, failures, heapGrowth };
  } finally {
    await running.stop();
  }
}

async function snapshot(ctx: StackContext, worker: BenchChild, name: string): Promise<string> {
  const answer = await worker.ask<{ files: string[] }>(
    { type: 'heap-snapshot', path: join(ctx.tempDir, name) },
    'heap-snapshot',
    600_000,
  );
  if (!answer.files[0]) throw new Error('the worker has no workflow thread to snapshot');
  return answer.files[0];
}

/** `count` distinct items taken out of `items` at random (each is touched once only). */
function pickRandom(items: string[], count: number): string[] {
  const picked: string[] = [];
  for (let i = 0; i < count && items.length > 0; i++) {
    const at = Math.floor(Math.random() * items.length);
    picked.push(items[at]);
    items.splice(at, 1);
  }
  return picked;
}
