import createClient, { Middleware } from 'openapi-fetch';
import { storedToken } from '../auth/session';
import type { paths } from './schema';

/** Every call of the console: typed from docs/openapi.json, with the session's bearer token. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const bearer: Middleware = {
  onRequest({ request }) {
    const token = storedToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};
api.use(bearer);

/** An error answer of the API (`{ error: { code, message, details } }`), with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError carrying the API's code and message. */
export function unwrap<T>({ data, error, response }: Answer<T>): T {
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown[] } };
  throw new ApiError(
    response.status,
    body.error?.code ?? `HTTP_${response.status}`,
    body.error?.message ?? response.statusText,
    body.error?.details ?? [],
  );
}
