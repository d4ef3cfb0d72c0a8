import { createSandbox } from './sandbox';
import { sandboxConfigFromEnv } from './sandbox.config';

/** Starts the sandbox on SANDBOX_PORT (4000) and SANDBOX_HOST (127.0.0.1); stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = sandboxConfigFromEnv(process.env);
  const running = await createSandbox(config.options).listen(config.port, config.host);
  console.log(`aftersales sandbox listening on ${running.url} (faults at ${running.url}/_sandbox/faults)`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
