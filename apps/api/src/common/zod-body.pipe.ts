import { PipeTransform } from '@nestjs/common';
import { z, ZodType } from 'zod';
import { ApiError, FieldError } from './api-error';

/** Validates a body (or query) against a zod schema; 400 listing every failing field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw ApiError.validation(parsed.error.issues.map(fieldError));
  }
}

/** One failing field; a domain rule's finer code (carried in a custom issue's `params.code`) rides along. */
function fieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.join('.') || '(body)';
  const code = issue.code === 'custom' ? issue.params?.code : undefined;
  return typeof code === 'string'
    ? { field, message: issue.message, code }
    : { field, message: issue.message };
}
