import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError, ApiErrorBody } from './api-error';

const CODES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
};

/** Renders every error in API.md's shape; unexpected ones become a 500 without internals, and are logged. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.render(exception);
    response.status(status).json(body);
  }

  private render(exception: unknown): [number, ApiErrorBody] {
    if (exception instanceof ApiError)
      return [exception.getStatus(), exception.getResponse() as ApiErrorBody];
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Body parser errors (malformed JSON) arrive as HttpExceptions from Nest/express.
      return [status, { error: { code: CODES[status] ?? `HTTP_${status}`, message: exception.message } }];
    }
    if (isBodyParserError(exception)) {
      return [exception.status, { error: { code: 'MALFORMED_BODY', message: exception.message } }];
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { error: { code: 'INTERNAL', message: 'internal error; the request may be retried' } },
    ];
  }
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const candidate = error as { status?: unknown; type?: unknown };
  return (
    typeof candidate?.status === 'number' && candidate.status < 500 && typeof candidate.type === 'string'
  );
}
