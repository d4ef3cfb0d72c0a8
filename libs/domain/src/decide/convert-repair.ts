import { RepairConvertedData } from '../case.events';
import { SYSTEM_ACTOR } from '../case.types';
import { settleLinesAsRefund } from '../settlement';
import { Emitter } from './emitter';
import { settlementMoney } from './refund-amounts';
import { settle } from './settle';

/** Turns the repair into an exchange or a refund of the units sent to repair (too long, or failed too often). */
export function convertRepair(
  out: Emitter,
  cause: RepairConvertedData['cause'],
  to: RepairConvertedData['to'],
): void {
  const settlement = out.state.settlement;
  out.emit('REPAIR_CONVERTED', { cause, to }, SYSTEM_ACTOR);
  if (!settlement) return;
  settle(
    out,
    settleLinesAsRefund(
      'REPAIR_CONVERTED',
      settlement.lines,
      (line) => line.outcome === 'REPAIR',
      settlementMoney(out.state, null),
      to === 'EXCHANGE' ? 'REPLACE' : 'REFUND',
    ),
  );
}
