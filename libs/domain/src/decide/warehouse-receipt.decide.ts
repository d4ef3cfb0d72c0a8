import { z } from 'zod';
import { idSchema, isoTimestampSchema } from '../case.request';
import { CaseState, commandKey, hasApplied } from '../case.state';
import { addDuration } from '../duration';
import { DecideContext, Decision, duplicate, fail, notAllowed, parseInput } from './decision';
import { clocksOf } from './due';
import { Emitter } from './emitter';
import { lazySchema } from '../lazy-schema';

/** The body of `POST /v1/warehouse/receipts` (routed to the open case holding the tracking number). */
export const warehouseReceiptSchema = lazySchema(() =>
  z.object({
    receiptId: idSchema,
    warehouseId: idSchema,
    trackingNumber: idSchema,
  }),
);
/** A receipt as the workflow decides it: the body and when the API received it (the service's clock). */
const warehouseReceiptCommandSchema = warehouseReceiptSchema.extend({ receivedAt: isoTimestampSchema });
/** A parcel scanned at a warehouse dock. */
export type WarehouseReceiptCommand = z.infer<typeof warehouseReceiptCommandSchema>;

/**
 * The warehouse received the return parcel (签收入库): a case still waiting for it goes to
 * AWAITING_INSPECTION, with the inspect-by clock counted from when the API received the receipt, even
 * when the carrier's DELIVERED never came. A case past that point is left unchanged. Idempotent on `receiptId`.
 */
export function decideWarehouseReceipt(
  state: CaseState,
  input: WarehouseReceiptCommand,
  ctx: DecideContext,
): Decision {
  const parsed = parseInput(state, warehouseReceiptCommandSchema, input);
  if (!parsed.ok) return parsed.decision;
  const command = parsed.value;
  if (hasApplied(state, commandKey.receipt(command.receiptId))) return duplicate();
  const shipment = state.returnShipment;
  const clocks = clocksOf(state);
  if (!shipment || !clocks || shipment.trackingNumber === null)
    return notAllowed(state, 'a warehouse receipt before the return ships');
  if (shipment.trackingNumber !== command.trackingNumber) {
    return fail(
      state,
      'UNKNOWN_TRACKING_NUMBER',
      `tracking number ${command.trackingNumber} is not this case's`,
    );
  }
  if (state.status !== 'AWAITING_RETURN' && state.status !== 'RETURN_IN_TRANSIT') return duplicate();
  const receivedAt = new Date(command.receivedAt).toISOString();
  const out = new Emitter(state, ctx);
  out.emit('WAREHOUSE_RECEIPT_RECORDED', {
    receiptId: command.receiptId,
    warehouseId: command.warehouseId,
    trackingNumber: command.trackingNumber,
    receivedAt,
    inspectBy: addDuration(new Date(receivedAt), clocks.warehouseInspect),
  });
  return out.done();
}
