import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import { killOnExit } from './kill-on-exit';

/** How to start a service process; kept so that it can be started again the same way. */
export interface ServiceSpec {
  /** A name for logs and messages (`history-1`). */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  logFile: string;
}

/** A long-running process of ours (a Temporal service), its output appended to a log file. */
export class ServiceProcess {
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private readonly closed: Promise<void>;
  private exitStatus: string | undefined;
  private output = '';

  constructor(readonly spec: ServiceSpec) {
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
    this.log.on('error', () => undefined);
    this.log.write(`\n===== ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
    this.child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(this.child);
    const collect = (chunk: Buffer) => {
      this.log.write(chunk);
      this.output = (this.output + chunk.toString('utf8')).slice(-16_000);
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.closed = new Promise((resolve) => {
      const done = (status: string) => {
        this.exitStatus ??= status;
        this.log.end(`\n===== ${status}\n`, () => resolve());
      };
      this.child.once('close', (code, signal) => done(`exited code=${code} signal=${signal}`));
      this.child.once('error', (error) => done(`failed to start: ${error.message}`));
    });
  }

  /** The OS process id (undefined if the spawn failed). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.exitStatus === undefined;
  }

  /** How it ended (undefined while it runs). */
  get exit(): string | undefined {
    return this.exitStatus;
  }

  /** Sends `signal`, then SIGKILL after `graceMs`; resolves once the process is gone and its log closed. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (this.alive) this.child.kill(signal);
    const force = setTimeout(() => {
      if (this.alive) this.child.kill('SIGKILL');
    }, graceMs);
    try {
      await this.closed;
    } finally {
      clearTimeout(force);
    }
  }

  /** The last lines of its output, for error messages. */
  tail(lines = 30): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** Everything in its log file (every run of this service). */
  logText(): string {
    return readFileSync(this.spec.logFile, 'utf8');
  }
}
