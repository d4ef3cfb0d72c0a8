import { SYSTEM_ACTOR } from '../../libs/domain/src';
import { repairs } from '../case-activities';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/** Opens a repair order at the repair centre (one per attempt). */
export const startRepairStep: StepHandler<'START_REPAIR'> = {
  id: 'START_REPAIR',
  kind: 'WORK',
  perform: startRepair,
};

async function startRepair({ caseId, run }: StepContext): Promise<StepEnd> {
  const attempt = (run.state.repair?.attempts ?? 0) + 1;
  const sku =
    run.state.settlement?.lines.find((line) => line.outcome === 'REPAIR')?.sku ??
    run.state.request?.items[0].sku;
  const repair = await repairs.openRepair({
    caseId,
    idempotencyKey: `${caseId}:repair:${attempt}`,
    sku: sku ?? 'unknown',
    faultDescription: run.state.request?.description,
  });
  await run.record({ type: 'REPAIR_STARTED', data: { repairId: repair.repairId } }, SYSTEM_ACTOR);
  return 'STATE_DECIDES';
}
