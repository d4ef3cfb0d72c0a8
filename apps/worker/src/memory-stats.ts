import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { Worker } from '@temporalio/worker';

/** The V8 heap of one isolate of the worker process (the main thread, or a workflow thread). */
export interface IsolateHeap {
  thread: string;
  usedBytes: number;
  totalBytes: number;
}

/** The worker process's memory as a parent (`npm run bench`) asks for it over the IPC channel. */
export interface WorkerMemoryStats {
  type: 'memory-stats';
  rssBytes: number;
  /** Every isolate's heap: the main thread's and each workflow thread's (where cached workflows live). */
  heaps: IsolateHeap[];
  /** Workflows in the cache of each worker of the process (the SDK's `numCachedWorkflows`). */
  cachedWorkflows: number;
}

/**
 * What a parent may ask: the figures (after a full garbage collection of every isolate with `gc`, so the
 * heaps are what is alive), or a heap snapshot of the workflow threads written to `path`.
 */
type MemoryRequest = { type: 'memory-stats'; gc?: boolean } | { type: 'heap-snapshot'; path: string };

/** The inspector's worker sessions: one message to a workflow thread, its answer. */
class WorkerThreadInspector {
  private readonly session = new Session();
  private readonly threads = new Map<string, string>();
  private readonly pending = new Map<number, (result: Record<string, unknown>) => void>();
  private readonly chunks = new Map<string, string[]>();
  private nextId = 1;

  constructor() {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', ({ params }) => {
      this.threads.set(params.sessionId, params.workerInfo.title);
    });
    this.session.on('NodeWorker.detachedFromWorker', ({ params }) => this.threads.delete(params.sessionId));
    this.session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => this.receive(params));
  }

  async attach(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.session.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    // The threads' attach events may come after the answer to `enable` (when asked from an IPC message).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  /** Detaches from the workflow threads and closes the session. */
  detach(): void {
    this.session.post('NodeWorker.disable', () => this.session.disconnect());
  }

  /** A full garbage collection in every isolate. */
  async collectGarbage(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())),
    );
    for (const sessionId of this.threads.keys()) await this.send(sessionId, 'HeapProfiler.collectGarbage');
  }

  async heaps(): Promise<IsolateHeap[]> {
    const main = await new Promise<{ usedSize: number; totalSize: number }>((resolve, reject) =>
      this.session.post('Runtime.getHeapUsage', (error, result) =>
        error || !result
          ? reject(error ?? new Error('no heap usage'))
          : resolve(result as { usedSize: number; totalSize: number }),
      ),
    );
    const heaps: IsolateHeap[] = [{ thread: 'main', usedBytes: main.usedSize, totalBytes: main.totalSize }];
    for (const [sessionId, title] of this.threads) {
      const usage = await this.send(sessionId, 'Runtime.getHeapUsage');
      heaps.push({ thread: title, usedBytes: Number(usage.usedSize), totalBytes: Number(usage.totalSize) });
    }
    return heaps;
  }

  /** Writes each workflow thread's heap snapshot to `<path>.<n>.heapsnapshot`; answers the files. */
  async snapshot(path: string): Promise<string[]> {
    const files: string[] = [];
    for (const sessionId of this.threads.keys()) {
      this.chunks.set(sessionId, []);
      await this.send(sessionId, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      const file = `${path}.${files.length + 1}.heapsnapshot`;
      writeFileSync(file, (this.chunks.get(sessionId) ?? []).join(''));
      this.chunks.delete(sessionId);
      files.push(file);
    }
    return files;
  }

  private send(sessionId: string, method: string, params: object = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const answered = new Promise<Record<string, unknown>>((resolve) => this.pending.set(id, resolve));
    this.session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return answered;
  }

  private receive(params: { sessionId: string; message: string }): void {
    const message = JSON.parse(params.message) as {
      id?: number;
      method?: string;
      result?: Record<string, unknown>;
      params?: { chunk?: string };
    };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      this.chunks.get(params.sessionId)?.push(message.params?.chunk ?? '');
      return;
    }
    if (message.id === undefined) return;
    this.pending.get(message.id)?.(message.result ?? {});
    this.pending.delete(message.id);
  }
}

/**
 * When a parent started this process with an IPC channel (`npm run bench`), answers its memory requests:
 * RSS, the heap of every isolate (workflows run in worker threads, whose heaps `process.memoryUsage()`
 * does not count; the inspector's NodeWorker domain reaches them in-process) and the cached workflows;
 * or a heap snapshot of the workflow threads. Without a channel (production) it does nothing.
 */
export function answerMemoryRequests(workers: readonly Worker[]): void {
  if (!process.send) return;
  // The channel must not keep a drained worker process alive.
  process.channel?.unref();
  process.on('message', (request: MemoryRequest) => {
    // One session per request, detached afterwards: nothing of the inspector stays attached to the
    // workflow threads while they run workflows.
    const threads = new WorkerThreadInspector();
    void (async () => {
      await threads.attach();
      if (request.type === 'heap-snapshot') {
        process.send?.({ type: 'heap-snapshot', files: await threads.snapshot(request.path) });
        return;
      }
      if (request.gc) await threads.collectGarbage();
      const answer: WorkerMemoryStats = {
        type: 'memory-stats',
        rssBytes: process.memoryUsage.rss(),
        heaps: await threads.heaps(),
        cachedWorkflows: workers.reduce((sum, worker) => sum + worker.getStatus().numCachedWorkflows, 0),
      };
      process.send?.(answer);
    })()
      .catch((error: Error) => process.send?.({ type: 'error', message: error.message }))
      .finally(() => threads.detach());
  });
}
