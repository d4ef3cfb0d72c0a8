import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { FieldError, parseInput, SandboxError } from './sandbox.errors';

/** The outcome of an idempotent call: the stored result, and whether this call was a replay. */
export interface IdempotentResult<T> {
  value: T;
  replayed: boolean;
}

/**
 * Remembers, per idempotency key, a fingerprint of the request and its result. The same key with
 * the same request returns the first result; the same key with a different request is refused with
 * 422 `IDEMPOTENCY_CONFLICT` (as the IETF Idempotency-Key draft advises), never executed.
 */
export class IdempotencyStore<T> {
  private readonly entries = new Map<string, { fingerprint: string; value: T }>();

  /** Returns the stored result for `key`, or runs `create` once and stores its result. */
  run(key: string, request: unknown, create: () => T): IdempotentResult<T> {
    const fingerprint = fingerprintOf(request);
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new SandboxError(
          422,
          'IDEMPOTENCY_CONFLICT',
          `idempotency key ${key} was already used with a different request`,
        );
      }
      return { value: existing.value, replayed: true };
    }
    // `create` may throw a business refusal (e.g. OUT_OF_STOCK): nothing is stored, so a retry can succeed later.
    const value = create();
    this.entries.set(key, { fingerprint, value });
    return { value, replayed: false };
  }

  /** The stored result for `key`, if any. */
  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }
}

/** A canonical JSON text of `value` (object keys sorted), so key order never makes two requests differ. */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

/**
 * The idempotency key of a call: the `Idempotency-Key` header or the body's `idempotencyKey`
 * (either is enough; both must agree).
 */
export function resolveIdempotencyKey(header: string | undefined, body: unknown): string {
  const fromBody =
    body && typeof body === 'object' ? (body as { idempotencyKey?: unknown }).idempotencyKey : undefined;
  if (fromBody !== undefined && (typeof fromBody !== 'string' || fromBody.trim() === '')) {
    throw SandboxError.validation([{ field: 'idempotencyKey', message: 'expected a non-empty string' }]);
  }
  const key = header?.trim() || fromBody;
  if (!key) {
    throw SandboxError.validation([
      { field: 'idempotencyKey', message: 'required (in the body or the Idempotency-Key header)' },
    ]);
  }
  if (header?.trim() && fromBody !== undefined && fromBody !== header.trim()) {
    throw new SandboxError(
      400,
      'IDEMPOTENCY_KEY_MISMATCH',
      'the Idempotency-Key header and the body idempotencyKey differ',
    );
  }
  if (key.length > 200) {
    throw SandboxError.validation([{ field: 'idempotencyKey', message: 'at most 200 characters' }]);
  }
  return key;
}

/** Answers an idempotent create: 201 the first time, 200 with `Idempotent-Replayed: true` on a repeat. */
export function sendIdempotent<T>(
  res: Response,
  result: IdempotentResult<T>,
  view: (value: T) => unknown,
): void {
  res
    .status(result.replayed ? 200 : 201)
    .set('Idempotent-Replayed', String(result.replayed))
    .json(view(result.value));
}

/** Validates a keyed create: its body and its idempotency key, reporting every failing field in one 400. */
export function parseKeyedRequest<T>(
  schema: ZodType<T>,
  req: Request,
): { idempotencyKey: string; request: T } {
  const problems: FieldError[] = [];
  const collect = <R>(read: () => R): R | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof SandboxError) || !error.details) throw error;
      problems.push(...error.details);
      return undefined;
    }
  };
  const idempotencyKey = collect(() => resolveIdempotencyKey(req.get('idempotency-key'), req.body));
  const request = collect(() => parseInput(schema, req.body));
  if (problems.length > 0 || idempotencyKey === undefined || request === undefined) {
    throw SandboxError.validation(problems);
  }
  return { idempotencyKey, request };
}
