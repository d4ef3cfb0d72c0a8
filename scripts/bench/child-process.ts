import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

/** How long a child may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 15_000;

/** A Node process the bench started (API, sandbox, a worker), its output going to a log file. */
export interface BenchChild {
  name: string;
  pid: number;
  logFile: string;
  /** Milliseconds from spawn to the ready line (or to the caller's readiness check). */
  readyMs: number;
  exited(): boolean;
  /**
   * Sends `message` over the IPC channel (children started with `ipc`) and answers the first message
   * back whose `type` is `answerType` (or an `error` message, thrown).
   */
  ask<T>(message: object, answerType: string, timeoutMs?: number): Promise<T>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Every child still running, so that a failure or Ctrl-C can stop them all. */
const running = new Set<BenchChild>();

/** Options of {@link startChild}. */
export interface StartChildOptions {
  name: string;
  /** The compiled entry point (a .js file under dist/). */
  entry: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** A line of the child's output that says it is ready; or a check polled until it resolves true. */
  ready: RegExp | (() => Promise<boolean>);
  timeoutMs: number;
  /** Opens an IPC channel to the child (the worker answers memory requests on it). */
  ipc?: boolean;
}

/**
 * Spawns `node <entry>` and waits until it is ready. A child that exits or does not get ready in
 * time is stopped and the error carries the end of its log.
 */
export async function startChild(options: StartChildOptions): Promise<BenchChild> {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  const started = Date.now();
  const child = spawn(process.execPath, [options.entry], {
    env: options.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${options.name}: could not spawn ${options.entry}`);
  const handle = childHandle(options.name, child, logFile, log);
  running.add(handle);
  try {
    await waitUntilReady(child, options);
  } catch (error) {
    await handle.stop();
    throw new Error(`${options.name}: ${(error as Error).message}\n${tail(logFile)}`);
  }
  handle.readyMs = Date.now() - started;
  return handle;
}

/** Stops every child the bench started and has not stopped yet. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function childHandle(name: string, child: ChildProcess, logFile: string, log: WriteStream): BenchChild {
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: BenchChild = {
    name,
    pid: child.pid as number,
    logFile,
    readyMs: 0,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    ask: (message, answerType, timeoutMs = 120_000) => askChild(child, name, message, answerType, timeoutMs),
    stop: async () => {
      if (!handle.exited()) {
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGTERM');
        await gone;
        clearTimeout(force);
      }
      running.delete(handle);
      log.end();
    },
  };
  return handle;
}

function askChild<T>(
  child: ChildProcess,
  name: string,
  message: object,
  answerType: string,
  timeoutMs: number,
): Promise<T> {
  if (!child.send) return Promise.reject(new Error(`${name} was started without an IPC channel`));
  return new Promise<T>((resolve, reject) => {
    const finish = (error?: Error, answer?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(answer as T);
    };
    const timer = setTimeout(
      () => finish(new Error(`${name} did not answer ${answerType} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (answer: { type?: string; message?: string }) => {
      if (answer?.type === 'error') finish(new Error(`${name}: ${answer.message}`));
      else if (answer?.type === answerType) finish(undefined, answer as T);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`${name} exited (${signal ?? code}) before it answered ${answerType}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return onExit(child.exitCode, child.signalCode);
    child.send?.(message);
  });
}

function waitUntilReady(child: ChildProcess, options: StartChildOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`not ready within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`exited (${signal ?? code}) before it was ready`));
    child.once('exit', onExit);
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (options.ready instanceof RegExp && options.ready.test(seen)) finish();
    };
    if (options.ready instanceof RegExp) {
      child.stdout?.on('data', onData);
      return;
    }
    const check = options.ready;
    const poll = async () => {
      while (!settled) {
        if (await check().catch(() => false)) return finish();
        await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
      }
    };
    void poll();
  });
}
