import { SYSTEM_ACTOR } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { CaseRun } from '../case-run';
import { failureType, messageOf } from '../step-failures';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Reserves the replacement units in the warehouse, line by line; out of stock falls back to a refund. */
export const reserveReplacementStep: StepHandler<'RESERVE_REPLACEMENT'> = {
  id: 'RESERVE_REPLACEMENT',
  kind: 'WORK',
  perform: reserveReplacement,
};

async function reserveReplacement({ caseId, run }: StepContext): Promise<StepEnd> {
  const lines = replacementLines(run);
  const reserved: string[] = [];
  try {
    for (const line of lines) {
      const reservation = await outside.reserveStock({
        caseId,
        idempotencyKey: `${caseId}:reserve:${line.sku}`,
        sku: line.sku,
        quantity: line.quantity,
      });
      reserved.push(reservation.reservationId);
    }
  } catch (error) {
    if (failureType(error) !== 'OUT_OF_STOCK') throw error;
    await refundInstead(run, reserved, error);
    return 'STATE_DECIDES';
  }
  await run.record({ type: 'REPLACEMENT_RESERVED', data: { reservationIds: reserved } }, SYSTEM_ACTOR);
  return 'STATE_DECIDES';
}

/** Compensation: gives back what was reserved, then records that the case refunds instead of replacing. */
async function refundInstead(run: CaseRun, reserved: readonly string[], outOfStock: unknown): Promise<void> {
  for (const reservationId of reserved) await outside.releaseReservation({ reservationId });
  await run.record(
    { type: 'REPLACEMENT_UNAVAILABLE', data: { reason: messageOf(outOfStock) } },
    SYSTEM_ACTOR,
  );
}

/** The lines to replace: those the settlement replaces, or the whole request when it names none. */
function replacementLines(run: CaseRun): Array<{ sku: string; quantity: number }> {
  const lines = run.state.settlement?.lines.filter((line) => line.outcome === 'REPLACE') ?? [];
  return lines.length > 0 ? [...lines] : [...(run.state.request?.items ?? [])];
}
