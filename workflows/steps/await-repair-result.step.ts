import { CaseCommand, SystemStepRefs } from '../../libs/domain/src';
import { repairs } from '../case-activities';
import { ignoreRefusal } from '../step-failures';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Waits for the repair centre's outcome; cut short when the repair clock decides first. */
export const awaitRepairResultStep: StepHandler<'AWAIT_REPAIR_RESULT'> = {
  id: 'AWAIT_REPAIR_RESULT',
  kind: 'WAIT',
  perform: awaitRepairResult,
};

async function awaitRepairResult(
  { run }: StepContext,
  { repairId }: SystemStepRefs['AWAIT_REPAIR_RESULT'],
): Promise<StepEnd> {
  const repair = await repairs.awaitRepairOutcome({ repairId });
  const outcome: CaseCommand =
    repair.status === 'REPAIRED'
      ? { type: 'REPAIR_COMPLETED', data: { repairId } }
      : { type: 'REPAIR_FAILED', data: { repairId, reason: 'the repair centre could not repair it' } };
  await run.record(outcome, { role: 'system', id: 'repair-centre' }).catch(ignoreRefusal);
  return 'STATE_DECIDES';
}
