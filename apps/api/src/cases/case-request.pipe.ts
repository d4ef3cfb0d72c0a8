import { PipeTransform } from '@nestjs/common';
import { ApiError, FieldError } from '../common/api-error';
import { ZodPipe } from '../common/zod-body.pipe';
import { CASE_REQUEST_FIELDS, CaseRequestBody, caseRequestSchema } from './case-request.schema';

/** The body's fields that are not the contract's, each as a failing field. */
function unknownFields(value: unknown): FieldError[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((field) => !CASE_REQUEST_FIELDS.includes(field))
    .map((field) => ({
      field,
      message: 'not a field of the request (contract v1.1)',
      code: 'UNKNOWN_FIELD',
    }));
}

/**
 * Validates `POST /v1/cases` (contract v1.1): every field not in the contract is refused by name (so a
 * stated `unitPrice`, `paidAt`, `customerTier`, `items`... is a 400 naming it), together with every
 * failing field of the schema, in one answer.
 */
export class CaseRequestPipe implements PipeTransform<unknown, CaseRequestBody> {
  private readonly schema = new ZodPipe<CaseRequestBody>(caseRequestSchema);

  transform(value: unknown): CaseRequestBody {
    const unknown = unknownFields(value);
    let body: CaseRequestBody | undefined;
    let failures: FieldError[] = [];
    try {
      body = this.schema.transform(value);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      failures = (error.details ?? []) as FieldError[];
    }
    if (body === undefined || unknown.length > 0) throw ApiError.validation([...unknown, ...failures]);
    return body;
  }
}
