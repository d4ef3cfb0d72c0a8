import { ZodPipe } from '../common/zod-body.pipe';
import { CaseRequestBody, caseRequestSchema } from './case-request.schema';

/**
 * Validates `POST /v1/cases` with the edge's request schema, which applies the domain's own
 * consistency rules too (type ⇔ reason, fresh-food claims, SKUs, prices), so nothing the case
 * workflow would refuse ever starts one. 400 with every failing field.
 */
export class CaseRequestPipe extends ZodPipe<CaseRequestBody> {
  constructor() {
    super(caseRequestSchema);
  }
}
