import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { killOnExit } from '../../../scripts/infra/kill-on-exit';

/** Options of {@link startChild}. */
export interface ChildOptions {
  /** A name for messages. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
}

/** A process this test started: its output goes to a log file; it can be killed or stopped. */
export class Child {
  private readonly process: ChildProcess;
  private readonly log: WriteStream;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private output = '';
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private logClosed: Promise<void> | undefined;

  constructor(readonly options: ChildOptions) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.log.on('error', () => undefined);
    this.log.write(`\n===== ${new Date().toISOString()} ${options.command} ${options.args.join(' ')}\n`);
    this.process = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(this.process);
    const collect = (chunk: Buffer) => {
      this.log.write(chunk);
      // Only the recent output is kept in memory, for waitForOutput and failure messages.
      this.output = (this.output + chunk.toString('utf8')).slice(-64_000);
    };
    this.process.stdout?.on('data', collect);
    this.process.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      // 'close' comes after the output pipes are drained, so nothing is written to the log after it.
      this.process.once('close', (code, signal) => {
        this.exitStatus = { code, signal };
        this.log.write(`\n===== exited code=${code} signal=${signal}\n`);
        resolve({ code, signal });
      });
      this.process.once('error', (error) => {
        this.exitStatus = { code: null, signal: null };
        this.log.write(`\n===== failed to start: ${error.message}\n`);
        resolve({ code: null, signal: null });
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.exitStatus === undefined;
  }

  /** Resolves once `pattern` appears in the output; rejects if the process exits first or after `timeoutMs`. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.alive) {
        throw new Error(
          `${this.options.name} exited (${JSON.stringify(this.exitStatus)}) before ${pattern}:\n${this.tail()}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.options.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`,
        );
      }
      await sleep(100);
    }
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs` if it has not exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
    if (this.alive) this.process.kill(signal);
    const timer = setTimeout(() => {
      if (this.alive) this.process.kill('SIGKILL');
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.logClosed ??= new Promise<void>((resolve) => this.log.end(resolve));
      await this.logClosed;
    }
  }

  /** The last lines of the output, for failure messages. */
  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** The whole log file of this process (all its runs). */
  logText(): string {
    return readFileSync(this.options.logFile, 'utf8');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
