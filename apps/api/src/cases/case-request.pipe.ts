import { PipeTransform } from '@nestjs/common';
import { consistencyIssues } from '../../../../libs/domain/src';
import { ApiError } from '../common/api-error';
import { ZodPipe } from '../common/zod-body.pipe';
import { CaseRequestBody, caseRequestSchema } from './case-request.schema';

/**
 * Validates `POST /v1/cases`: the edge schema's field errors first, then the domain's own
 * consistency rules (type ⇔ reason, fresh-food claims, SKUs, prices), so nothing the case
 * workflow would refuse ever starts one. 400 with every failing field.
 */
export class CaseRequestPipe implements PipeTransform<unknown, CaseRequestBody> {
  private readonly shape = new ZodPipe(caseRequestSchema);

  transform(value: unknown): CaseRequestBody {
    const request = this.shape.transform(value);
    const issues = consistencyIssues(request);
    if (issues.length > 0) {
      throw ApiError.validation(
        issues.map((issue) => ({
          field: issue.path || '(body)',
          message: issue.message,
          ...(issue.code ? { code: issue.code } : {}),
        })),
      );
    }
    return request;
  }
}
