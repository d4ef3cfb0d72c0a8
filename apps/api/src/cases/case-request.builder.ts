import { HttpStatus } from '@nestjs/common';
import {
  amountLimitIssues,
  CaseItem,
  CaseRequest,
  LINE_ALLOWANCE_EXCEEDED,
  lineAmountIssues,
  Money,
} from '../../../../libs/domain/src';
import { Order, OrderLine } from '../../../../libs/integrations/src';
import { ApiError } from '../common/api-error';
import type { CaseRequestBody } from './case-request.schema';

/** The catalogue's current price of a SKU (the order system's; its errors are the caller's to map). */
export type CurrentPriceOf = (sku: string) => Promise<Money>;

/** The order's line of each requested line: 422 `ORDER_LINE_NOT_FOUND` naming those the order lacks. */
function orderLinesOf(body: CaseRequestBody, order: Order): OrderLine[] {
  const byId = new Map(order.lines.map((line) => [line.lineId, line]));
  const missing = body.lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => !byId.has(line.lineId));
  if (missing.length > 0) {
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'ORDER_LINE_NOT_FOUND',
      `order ${order.orderId} has no line ${missing.map(({ line }) => line.lineId).join(', ')}`,
      missing.map(({ line, index }) => ({
        field: `lines.${index}.lineId`,
        message: `not a line of order ${order.orderId}: ${line.lineId}`,
      })),
    );
  }
  return body.lines.map((line) => byId.get(line.lineId) as OrderLine);
}

/** 409 `LINE_ALLOWANCE_EXCEEDED` for a line asked for more units than were ever ordered. */
function assertWithinOrdered(body: CaseRequestBody, lines: readonly OrderLine[]): void {
  const over = body.lines
    .map((line, index) => ({ line, index, ordered: lines[index]!.quantity }))
    .filter(({ line, ordered }) => line.quantity > ordered);
  if (over.length === 0) return;
  throw new ApiError(
    HttpStatus.CONFLICT,
    LINE_ALLOWANCE_EXCEEDED,
    `more units than ordered on line ${over.map(({ line }) => line.lineId).join(', ')}`,
    over.map(({ index, ordered }) => ({
      field: `lines.${index}.quantity`,
      message: `only ${ordered} ordered`,
    })),
  );
}

/**
 * 400 `VALIDATION_FAILED` when the order's amounts overflow the money arithmetic: a requested line's
 * `unitPaid` × quantity (or their sum) names `lines.<n>.quantity` (or `lines`), a line whose ordered total
 * does (the allowance maths use it) names `lines.<n>.lineId`.
 */
function assertAmountsFit(body: CaseRequestBody, lines: readonly OrderLine[]): void {
  const issues = [
    ...lineAmountIssues(lines, (index) => `lines.${index}.lineId`).map((issue) => ({
      ...issue,
      message: `the order's total of this line: ${issue.message}`,
    })),
    ...amountLimitIssues(
      lines.map((line, index) => ({
        path: `lines.${index}.quantity`,
        unit: line.unitPaid,
        quantity: body.lines[index]!.quantity,
      })),
      'lines',
    ),
  ];
  if (issues.length > 0) {
    throw ApiError.validation(issues.map(({ path, message, code }) => ({ field: path, message, code })));
  }
}

/**
 * The case's request as the rules read it (contract v1.1): what the customer asks from the body, every
 * fact that decides money or eligibility from the order system (and, for price protection, the
 * catalogue's current prices). Refuses lines the order does not have, more units than were ordered and
 * amounts too large for the money arithmetic.
 */
export async function buildCaseRequest(
  body: CaseRequestBody,
  order: Order,
  currentPriceOf: CurrentPriceOf,
): Promise<CaseRequest> {
  const lines = orderLinesOf(body, order);
  assertWithinOrdered(body, lines);
  assertAmountsFit(body, lines);
  const priceProtection = body.type === 'PRICE_PROTECTION';
  const items: CaseItem[] = [];
  for (const [index, line] of lines.entries()) {
    items.push({
      lineId: line.lineId,
      sku: line.sku,
      quantity: body.lines[index]!.quantity,
      unitPrice: line.unitPaid,
      category: line.category,
      supplierId: line.supplierId,
      warrantyMonths: line.warrantyMonths,
      portable: line.portable,
      ...(priceProtection ? { currentUnitPrice: await currentPriceOf(line.sku) } : {}),
    });
  }
  return {
    requestId: body.requestId,
    orderId: order.orderId,
    merchantId: order.merchantId,
    customerId: order.customerId,
    type: body.type,
    reason: body.reason,
    items,
    paidAt: order.paidAt,
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
    returnMethod: body.returnMethod,
    ...(body.pickupAddress ? { pickupAddress: body.pickupAddress } : {}),
    ...(order.shipTo ? { shipTo: order.shipTo } : {}),
    shippingInsurance: order.shippingInsurance,
    customerTier: order.customerTier,
    ...(body.evidence ? { evidence: body.evidence } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
  };
}
