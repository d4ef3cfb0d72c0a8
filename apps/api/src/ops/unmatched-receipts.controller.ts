import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { WarehouseReceipt, WarehouseReceipts } from '../../../../libs/persistence/src';
import { Roles } from '../auth/auth.guard';
import { namedSchema } from '../common/openapi-components';
import { ApiErrors } from '../common/openapi-docs';
import { DATA_SOURCE } from '../common/tokens';
import { ZodPipe } from '../common/zod-body.pipe';

const unmatchedQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().min(1).max(200).optional(),
});
type UnmatchedQuery = z.infer<typeof unmatchedQuerySchema>;

const UNMATCHED_RECEIPTS_SCHEMA = namedSchema(
  'UnmatchedReceipts',
  z.object({
    items: z.array(
      z.object({
        receiptId: z.string(),
        warehouseId: z.string(),
        trackingNumber: z.string(),
        receivedAt: z.iso.datetime({ offset: true }),
      }),
    ),
    nextCursor: z.string().nullable().describe('Pass it as `after` for the next page; null on the last.'),
  }),
);

/** `GET /v1/ops/receipts/unmatched`: parcels received at a dock that matched no open case. */
@ApiTags('ops')
@Roles('ops')
@Controller('v1/ops/receipts/unmatched')
export class UnmatchedReceiptsController {
  private readonly receipts: WarehouseReceipts;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.receipts = new WarehouseReceipts(dataSource);
  }

  @Get()
  @ApiOperation({
    summary: 'Parcels received that match no open case',
    description:
      'Receipts whose tracking number no open case held when the parcel arrived (unknown, cancelled, ' +
      'closed), oldest first: `{ items: [{ receiptId, warehouseId, trackingNumber, receivedAt }], nextCursor }`; ' +
      'pass `nextCursor` as `after` for the next page.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 100' })
  @ApiQuery({ name: 'after', required: false, description: 'the `nextCursor` of the previous page' })
  @ApiResponse({ status: 200, schema: UNMATCHED_RECEIPTS_SCHEMA })
  @ApiErrors(400, 403)
  async list(
    @Query(new ZodPipe(unmatchedQuerySchema)) query: UnmatchedQuery,
  ): Promise<{ items: Array<Omit<WarehouseReceipt, 'caseId'>>; nextCursor: string | null }> {
    const rows = await this.receipts.listUnmatched(query.limit, query.after);
    const items = rows.map(({ caseId: _caseId, ...receipt }) => receipt);
    const last = rows.at(-1);
    return { items, nextCursor: rows.length === query.limit && last ? last.receiptId : null };
  }
}
