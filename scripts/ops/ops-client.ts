import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../apps/api/src/auth/tokens';
import { projectRoot } from '../infra/project-root';
import { UsageError } from './cli-args';

/** Where the CLI finds the API when neither `--api` nor AFTERSALES_API_URL says. */
export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** How long one API call may take: a rebuild of a large log, or a reset waiting for its run, takes a while. */
const CALL_TIMEOUT_MS = 10 * 60_000;

/** A non-2xx answer of the API, with API.md's error body. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }
}

/** Calls the API as ops with a bearer token. */
export interface OpsClient {
  readonly apiUrl: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/**
 * The client: the API at `--api`, AFTERSALES_API_URL or http://127.0.0.1:3000; the token from `--token`
 * or OPS_TOKEN, else an ops token signed here with AUTH_JWT_SECRET or `npm run dev`'s
 * `.data/dev-jwt-secret` (subject OPS_ACTOR, default `ops-cli-<user>`), valid for an hour.
 */
export function createOpsClient(
  options: { api?: string; token?: string },
  env: NodeJS.ProcessEnv,
): OpsClient {
  const apiUrl = (options.api ?? env.AFTERSALES_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const token = options.token ?? env.OPS_TOKEN ?? signOpsToken(env);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiCallError(0, 'API_UNREACHABLE', `cannot reach the API at ${apiUrl}: ${messageOf(error)}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (
        parsed as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined
      )?.error;
      throw new ApiCallError(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? (text.slice(0, 200) || response.statusText),
        error?.details,
      );
    }
    return parsed as T;
  };
  return {
    apiUrl,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
  };
}

function signOpsToken(env: NodeJS.ProcessEnv): string {
  const secret = env.AUTH_JWT_SECRET || readDevSecret();
  if (!secret) {
    throw new UsageError(
      'no credentials: set OPS_TOKEN (an ops bearer token), or AUTH_JWT_SECRET, or run `npm run dev` once ' +
        'so that .data/dev-jwt-secret exists',
    );
  }
  const sub = env.OPS_ACTOR || `ops-cli-${safeUserName()}`;
  return signToken(secret, { sub, role: 'ops' }, 3600);
}

function readDevSecret(): string | undefined {
  const file = join(projectRoot(), '.data', 'dev-jwt-secret');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function safeUserName(): string {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9._-]/g, '') || 'unknown';
  } catch {
    return 'unknown';
  }
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
