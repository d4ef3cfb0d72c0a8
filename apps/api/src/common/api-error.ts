import { HttpException, HttpStatus } from '@nestjs/common';

/** A field that failed validation, as API.md's error `details` list it. */
export interface FieldError {
  field: string;
  message: string;
  /** A finer code of the rule that failed (e.g. `RETURN_METHOD_MISMATCH`), when there is one. */
  code?: string;
}

/** The error body of API.md: `{ error: { code, message, details } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown[]; currentStatus?: string };
}

/** An HTTP error carrying API.md's error shape; thrown by controllers and guards, rendered by the filter. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly currentStatus?: string,
  ) {
    super({ error: { code, message, details, currentStatus } } satisfies ApiErrorBody, status);
  }

  /** 400 with the failing fields. */
  static validation(details: FieldError[]): ApiError {
    const fields = details.map((detail) => detail.field).join(', ');
    return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `invalid input: ${fields}`, details);
  }

  /** 404 for an unknown resource. */
  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
  }

  /** 409 naming the case's current status. */
  static conflict(code: string, message: string, currentStatus?: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, code, message, undefined, currentStatus);
  }
}
