import { Address, SYSTEM_ACTOR } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Where the refund system ships a replacement when the order's address is not in the case (self-ship). */
const ADDRESS_ON_FILE: Address = {
  name: 'customer',
  phone: 'on file',
  line1: 'order address on file',
  city: 'on file',
};

/** Ships every reserved replacement unit to the customer. */
export const shipReplacementStep: StepHandler<'SHIP_REPLACEMENT'> = {
  id: 'SHIP_REPLACEMENT',
  kind: 'WORK',
  perform: shipReplacement,
};

async function shipReplacement({ caseId, run }: StepContext): Promise<StepEnd> {
  const reservationIds = run.state.replacement?.reservationIds ?? [];
  let shipped: { carrier: string; trackingNumber: string } | undefined;
  for (const reservationId of reservationIds) {
    shipped = await outside.shipReplacement({
      caseId,
      idempotencyKey: `${caseId}:ship:${reservationId}`,
      reservationId,
      address: run.state.request?.pickupAddress ?? ADDRESS_ON_FILE,
    });
  }
  if (!shipped) throw new Error(`case ${caseId}: no reservation to ship`);
  const { carrier, trackingNumber } = shipped;
  await run.record({ type: 'REPLACEMENT_SHIPPED', data: { carrier, trackingNumber } }, SYSTEM_ACTOR);
  return 'STATE_DECIDES';
}
