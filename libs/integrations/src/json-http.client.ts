import type { ZodType } from 'zod';
import {
  ExternalSystemBadResponseError,
  ExternalSystemName,
  ExternalSystemRejectedError,
  ExternalSystemTimeoutError,
  ExternalSystemUnavailableError,
  INTEGRATION_ERROR_CODES,
  IntegrationErrorContext,
} from './integration.errors';

/** The `fetch` a client uses; tests may pass their own. */
export type FetchFunction = typeof fetch;

/** Where a client sends its calls, and how long a call may take. */
export interface ClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: FetchFunction;
}

/** Per-call settings. */
export interface CallOptions {
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /**
   * Aborts the call from outside (e.g. an activity's cancellation signal). Its reason is rethrown
   * as is, so a cancellation is never mistaken for an outage.
   */
  signal?: AbortSignal;
}

/** One JSON call. */
export interface JsonCall<T> {
  /** Names the call in errors, e.g. `createRefund`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Validates the success body; a mismatch is an {@link ExternalSystemBadResponseError}. */
  response: ZodType<T>;
}

/**
 * JSON over HTTP with a timeout per call and errors classified for retry: network errors,
 * timeouts, 408, 429 and 5xx are {@link ExternalSystemUnavailableError}; other 4xx are
 * {@link ExternalSystemRejectedError} carrying the system's own error code.
 */
export class JsonHttpClient {
  private readonly baseUrl: string;
  private readonly fetchFn: FetchFunction;

  constructor(
    private readonly system: ExternalSystemName,
    private readonly options: ClientOptions,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Sends `call` and returns its validated answer, or throws a classified integration error. */
  async send<T>(call: JsonCall<T>, callOptions: CallOptions = {}): Promise<T> {
    const context: IntegrationErrorContext = { system: this.system, operation: call.operation };
    const timeoutMs = callOptions.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOptions.signal ? AbortSignal.any([timeout, callOptions.signal]) : timeout;
    const what = `${this.system} ${call.operation} (${call.method} ${call.path})`;

    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await this.fetchFn(`${this.baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(call.idempotencyKey !== undefined ? { 'idempotency-key': call.idempotencyKey } : {}),
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      // The body is read under the same signal: a system that sends headers and then stalls is a timeout too.
      text = await response.text();
    } catch (error) {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      if (timeout.aborted) {
        throw new ExternalSystemTimeoutError(`${what}: no answer within ${timeoutMs} ms`, {
          ...context,
          cause: error,
        });
      }
      throw new ExternalSystemUnavailableError(`${what}: ${describeNetworkError(error)}`, {
        ...context,
        cause: error,
      });
    }

    const body = parseJson(text);
    if (status >= 200 && status < 300) {
      const parsed = call.response.safeParse(body);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
        );
        throw new ExternalSystemBadResponseError(`${what}: unexpected answer: ${problems.join('; ')}`, {
          ...context,
          httpStatus: status,
        });
      }
      return parsed.data;
    }
    throw classifyFailure(status, body, text, retryAfter, what, { ...context, httpStatus: status });
  }
}

/** Turns a non-2xx answer into the error the activity layer needs. */
function classifyFailure(
  status: number,
  body: unknown,
  text: string,
  retryAfter: string | null,
  what: string,
  context: IntegrationErrorContext,
): Error {
  const remote = remoteError(body);
  const message = `${what}: ${status}${remote?.code ? ` ${remote.code}` : ''}: ${remote?.message ?? text.slice(0, 200)}`;
  if (status === 408) return new ExternalSystemTimeoutError(message, context);
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    return new ExternalSystemUnavailableError(message, {
      ...context,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new ExternalSystemRejectedError(remote?.code ?? INTEGRATION_ERROR_CODES.rejected, message, {
    ...context,
    ...(remote?.details ? { details: remote.details } : {}),
  });
}

/** Reads `{ error: { code, message, details } }`, the error shape our systems and the sandbox answer with. */
function remoteError(body: unknown): { code?: string; message?: string; details?: unknown[] } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  return {
    ...(typeof code === 'string' && code ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(Array.isArray(details) ? { details } : {}),
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds or as an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. Duck-typed, not `instanceof
 * Error`: fetch's errors may come from another realm (test sandboxes, workers).
 */
function describeNetworkError(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  const text = typeof message === 'string' ? message : String(error);
  const detail =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return detail ? `${text} (${detail})` : text;
}
