import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodType } from 'zod';

/** A field that failed validation, as listed in a 400's `details`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error the sandbox answers with `{ error: { code, message, details? } }` and its HTTP status. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
  }

  /** 400 listing every failing field. */
  static validation(details: FieldError[]): SandboxError {
    const fields = details.map((detail) => detail.field).join(', ');
    return new SandboxError(400, 'VALIDATION_FAILED', `invalid input: ${fields}`, details);
  }

  /** 404 for an unknown resource, with a code naming what was missing (e.g. `REFUND_NOT_FOUND`). */
  static notFound(code: string, message: string): SandboxError {
    return new SandboxError(404, code, message);
  }

  /** 409: the resource is not in a state that allows this (e.g. `PICKUP_ALREADY_COLLECTED`). */
  static conflict(code: string, message: string): SandboxError {
    return new SandboxError(409, code, message);
  }
}

/** Parses `value` with `schema` or throws a 400 naming each failing field. */
export function parseInput<T>(schema: ZodType<T>, value: unknown, where = 'body'): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw SandboxError.validation(
    parsed.error.issues.flatMap((issue) => {
      // An unknown field is named itself, not its parent object.
      const paths =
        issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      return paths.map((path) => ({
        field: path.length > 0 ? path.join('.') : `(${where})`,
        message: issue.message,
      }));
    }),
  );
}

/** Answers unknown routes with a JSON 404 rather than express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND', message: `no route ${req.method} ${req.path}` } });
};

/** Renders every error as `{ error: { code, message } }`; malformed JSON bodies become a 400, never a 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof SandboxError) {
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    });
    return;
  }
  // body-parser marks its own failures (bad JSON, too large) with a 4xx status and a `type`.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : 'bad request';
    res.status(status).json({ error: { code: 'MALFORMED_REQUEST', message } });
    return;
  }
  console.error('[sandbox] unexpected error', error);
  res.status(500).json({ error: { code: 'SANDBOX_INTERNAL', message: 'unexpected sandbox error' } });
};
