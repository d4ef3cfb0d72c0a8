import { signToken, TokenClaims } from '../../apps/api/src/auth/tokens';
import { Timings } from './stats';

/** One request may take this long before the bench counts it as failed. */
const REQUEST_TIMEOUT_MS = 60_000;

/** An answer of the API: status, parsed body, and how long it took. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

/** An HTTP answer the bench did not expect. */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly endpoint: string,
    readonly answer: ApiAnswer,
  ) {
    super(`${endpoint} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}

/**
 * Calls the API on 127.0.0.1 as whoever the caller names, signing (and caching) one bearer token per
 * identity, and records every call's latency under its endpoint's name (`POST /v1/cases/{id}/decision`).
 */
export class ApiClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    readonly timings: Timings,
  ) {
    const host = new URL(baseUrl).hostname;
    if (host !== '127.0.0.1') throw new Error(`the bench only calls 127.0.0.1, not ${host}`);
  }

  /** Sends `method path` as `caller`; `endpoint` names the latency series. */
  async call(
    method: 'GET' | 'POST',
    path: string,
    caller: TokenClaims,
    endpoint: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token(caller)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = JSON.stringify({ transportError: (error as Error).message });
    }
    const ms = performance.now() - started;
    this.timings.add(endpoint, ms);
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { raw: text.slice(0, 300) };
    }
    return { status, body: parsed, ms };
  }

  /** Like {@link call}, but anything other than `expected` throws {@link UnexpectedAnswer}. */
  async expect(
    expected: number,
    method: 'GET' | 'POST',
    path: string,
    caller: TokenClaims,
    endpoint: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    const answer = await this.call(method, path, caller, endpoint, body);
    if (answer.status !== expected) throw new UnexpectedAnswer(`${method} ${path}`, answer);
    return answer;
  }

  private token(claims: TokenClaims): string {
    const key = JSON.stringify(claims);
    let token = this.tokens.get(key);
    if (!token) {
      token = signToken(this.secret, claims, 6 * 3600);
      this.tokens.set(key, token);
    }
    return token;
  }
}
