import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  ExternalSystemBadResponseError,
  ExternalSystemRejectedError,
  ExternalSystemTimeoutError,
  ExternalSystemUnavailableError,
  isRetryableIntegrationError,
} from './integration.errors';
import { FetchFunction, JsonHttpClient } from './json-http.client';

const okResponse = z.object({ ok: z.boolean() });

/** A fetch that answers every call with `status` and `body`, recording what it was asked. */
function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn: FetchFunction = async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(status === 204 ? null : body, { status, headers });
  };
  return { fetchFn, calls };
}

function clientWith(fetchFn: FetchFunction, timeoutMs = 1_000) {
  return new JsonHttpClient('wms', { baseUrl: 'http://wms.test/api/', timeoutMs, fetch: fetchFn });
}

const call = {
  operation: 'reserveStock',
  method: 'POST',
  path: '/reservations',
  response: okResponse,
} as const;

describe('JsonHttpClient', () => {
  it('sends JSON with the idempotency key header to the base URL joined with the path', async () => {
    const { fetchFn, calls } = fakeFetch(201, '{"ok":true}');

    await expect(
      clientWith(fetchFn).send({ ...call, body: { sku: 's-1' }, idempotencyKey: 'k-1' }),
    ).resolves.toEqual({
      ok: true,
    });

    expect(calls[0]?.url).toBe('http://wms.test/api/reservations');
    expect(calls[0]?.init?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'k-1',
    });
    expect(calls[0]?.init?.body).toBe('{"sku":"s-1"}');
  });

  it.each([500, 502, 503, 504])('classifies %i as a retryable outage', async (status) => {
    const error = await clientWith(fakeFetch(status, 'upstream down').fetchFn)
      .send(call)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect(error).toMatchObject({ code: 'EXTERNAL_SYSTEM_UNAVAILABLE', retryable: true, httpStatus: status });
    expect(isRetryableIntegrationError(error)).toBe(true);
  });

  it('classifies 429 as retryable and keeps the Retry-After delay', async () => {
    const { fetchFn } = fakeFetch(429, '{"error":{"code":"RATE_LIMITED","message":"slow down"}}', {
      'retry-after': '3',
    });

    await expect(clientWith(fetchFn).send(call)).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 3_000,
    });
  });

  it('classifies 408 as a retryable timeout', async () => {
    await expect(clientWith(fakeFetch(408, '').fetchFn).send(call)).rejects.toBeInstanceOf(
      ExternalSystemTimeoutError,
    );
  });

  it('classifies a business refusal as non-retryable and keeps its code', async () => {
    const { fetchFn } = fakeFetch(409, '{"error":{"code":"OUT_OF_STOCK","message":"sku s-1: 0 available"}}');

    const error = await clientWith(fetchFn)
      .send(call)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemRejectedError);
    expect(error).toMatchObject({
      code: 'OUT_OF_STOCK',
      retryable: false,
      system: 'wms',
      operation: 'reserveStock',
    });
    expect((error as Error).message).toContain('sku s-1: 0 available');
  });

  it('gives a 4xx without an error code the code EXTERNAL_SYSTEM_REJECTED', async () => {
    await expect(
      clientWith(fakeFetch(404, '<html>not found</html>').fetchFn).send(call),
    ).rejects.toMatchObject({
      code: 'EXTERNAL_SYSTEM_REJECTED',
      retryable: false,
    });
  });

  it('refuses a success answer that breaks the contract as a non-retryable bad response', async () => {
    const error = await clientWith(fakeFetch(200, '{"ok":"yes"}').fetchFn)
      .send(call)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemBadResponseError);
    expect(error).toMatchObject({ code: 'EXTERNAL_SYSTEM_BAD_RESPONSE', retryable: false });
  });

  it('classifies a refused connection as a retryable outage', async () => {
    const port = await freePort();
    const client = new JsonHttpClient('carrier', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1_000 });

    const error = await client.send(call).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect(error).not.toBeInstanceOf(ExternalSystemTimeoutError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('classifies a server that never answers as a retryable timeout after the call timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const client = new JsonHttpClient('carrier', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 100 });

    const started = Date.now();
    const error = await client.send(call).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ExternalSystemTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('rethrows the caller’s abort reason rather than calling a cancellation an outage', async () => {
    const fetchFn: FetchFunction = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const controller = new AbortController();
    const cancelled = new Error('activity cancelled');

    const pending = clientWith(fetchFn).send(call, { signal: controller.signal });
    controller.abort(cancelled);

    await expect(pending).rejects.toBe(cancelled);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
