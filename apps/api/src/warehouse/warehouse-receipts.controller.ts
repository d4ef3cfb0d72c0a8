import { Body, Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WarehouseReceipts } from '../../../../libs/persistence/src';
import { CaseViewPayload, warehouseReceiptUpdate } from '../../../../workflows/after-sales-case.definitions';
import { AuthenticatedRequest, Roles } from '../auth/auth.guard';
import { CaseUpdateSender } from '../carrier/case-update.sender';
import { ApiErrors, ApiZodBody, CASE_VIEW_SCHEMA } from '../common/openapi-docs';
import { ZodPipe } from '../common/zod-body.pipe';
import { WarehouseReceiptBody, warehouseReceiptSchema } from './warehouse-receipt.schema';
import { UNMATCHED_RECEIPT_ANSWER_SCHEMA } from './warehouse-receipts.responses';

/** The answer for a parcel no open case holds: kept for ops (`GET /v1/ops/receipts/unmatched`). */
export interface UnmatchedReceiptAnswer {
  receiptId: string;
  matched: false;
}

/** `POST /v1/warehouse/receipts`: the warehouse's dock scan of a return parcel (签收入库). */
@ApiTags('actions')
@Controller('v1/warehouse/receipts')
export class WarehouseReceiptsController {
  constructor(
    private readonly receipts: WarehouseReceipts,
    private readonly cases: CaseUpdateSender,
  ) {}

  @Post()
  @Roles('warehouse')
  @ApiOperation({
    summary:
      'A return parcel received at a warehouse dock, matched to the open case holding its tracking number',
    description:
      "The time is the service's. The receipt is stored and matched in one statement to the open case " +
      'the tracking number is bound to. Matched: the case moves to `AWAITING_INSPECTION` (even when the ' +
      "carrier's DELIVERED never came), starting the inspect-by clock from this receipt unless a DELIVERED " +
      'started it; 200 with the case view (a case already there or past it: 200, unchanged). No open case ' +
      'holds the number (unknown, cancelled, closed): 202 `{ receiptId, matched: false }`, listed by ' +
      '`GET /v1/ops/receipts/unmatched`. A repeated `receiptId` gets the first answer (matched as it was then).',
  })
  @ApiZodBody(warehouseReceiptSchema)
  @ApiResponse({ status: 200, description: 'Matched: the case view.', schema: CASE_VIEW_SCHEMA })
  @ApiResponse({
    status: 202,
    description: 'No open case holds the tracking number: kept for ops.',
    schema: UNMATCHED_RECEIPT_ANSWER_SCHEMA,
  })
  @ApiErrors(400, 403, 409)
  async receive(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodPipe(warehouseReceiptSchema)) body: WarehouseReceiptBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseViewPayload | UnmatchedReceiptAnswer> {
    const { receipt } = await this.receipts.record({ ...body, receivedAt: new Date().toISOString() });
    if (receipt.caseId === null) {
      response.status(HttpStatus.ACCEPTED);
      return { receiptId: receipt.receiptId, matched: false };
    }
    response.status(HttpStatus.OK);
    return this.cases.send(receipt.caseId, warehouseReceiptUpdate, `warehouse-receipt:${receipt.receiptId}`, {
      receiptId: receipt.receiptId,
      warehouseId: receipt.warehouseId,
      trackingNumber: receipt.trackingNumber,
      receivedAt: receipt.receivedAt,
      actor: { role: request.caller.role, id: request.caller.sub },
    });
  }
}
