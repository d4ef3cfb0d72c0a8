import { decideRepairCompleted, decideRepairFailed } from '../../libs/domain/src';
import { repairs } from '../case-activities';
import { DecideStep } from '../case-run';
import { ignoreRefusal } from '../step-failures';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Waits for the repair centre's outcome; cut short when the repair clock decides first. */
export const awaitRepairResultStep: StepHandler<'AWAIT_REPAIR_RESULT'> = {
  id: 'AWAIT_REPAIR_RESULT',
  kind: 'WAIT',
  run: awaitRepairResult,
};

async function awaitRepairResult({ run }: StepContext, repairId: string): Promise<StepEnd> {
  const repair = await repairs.awaitRepairOutcome({ repairId });
  const decide: DecideStep =
    repair.status === 'REPAIRED'
      ? (state, at) => decideRepairCompleted(state, { repairId }, at)
      : (state, at) =>
          decideRepairFailed(state, { repairId, reason: 'the repair centre could not repair it' }, at);
  await run.record(decide, { role: 'system', id: 'repair-centre' }).catch(ignoreRefusal);
  return 'STATE_DECIDES';
}
