import 'reflect-metadata';
import { loadRuntimeConfig } from '../../../libs/config/src';
import { createApiApp } from './app.factory';

/** Starts the API on PORT. */
async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  console.log(`aftersales api listening on http://127.0.0.1:${config.port}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
