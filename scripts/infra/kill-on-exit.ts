import { ChildProcess } from 'node:child_process';

/** Every child process started by this process and not yet seen to exit. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed script or test run must not leave a worker or a Temporal service behind.
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Kills `child` with SIGKILL if this process exits first, whatever the reason. */
export function killOnExit(child: ChildProcess): void {
  installExitHook();
  running.add(child);
  const forget = () => running.delete(child);
  child.once('close', forget);
  child.once('error', forget);
}
