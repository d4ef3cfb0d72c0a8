import { PipeTransform } from '@nestjs/common';
import { ZodType } from 'zod';
import { ApiError } from './api-error';

/** Validates a body (or query) against a zod schema; 400 listing every failing field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw ApiError.validation(
      parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    );
  }
}
