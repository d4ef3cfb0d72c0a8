import { parseIsoDuration, SystemStepRefs } from '../../libs/domain/src';
import { outside } from '../case-activities';
import { StepContext, StepEnd, StepHandler } from './step-handler';

/**
 * Hands the case's defective units to their supplier's batching workflow, once: the case hears from
 * that workflow when the batch ships (the supplier-return signal), so the hand-over is done for good.
 */
export const sendSupplierReturnStep: StepHandler<'SEND_SUPPLIER_RETURN'> = {
  id: 'SEND_SUPPLIER_RETURN',
  kind: 'WORK',
  perform: sendSupplierReturn,
};

async function sendSupplierReturn(
  { caseId, run }: StepContext,
  { supplierId }: SystemStepRefs['SEND_SUPPLIER_RETURN'],
): Promise<StepEnd> {
  const entry = run.state.supplierReturns.find((candidate) => candidate.supplierId === supplierId);
  const profile = run.state.profile;
  if (!entry || !profile) return 'DONE';
  await outside.queueSupplierReturn({
    supplierId,
    policy: {
      maxUnits: profile.supplierReturnBatch.maxUnits,
      maxWaitMs: parseIsoDuration(profile.supplierReturnBatch.maxWait),
    },
    units: entry.units.map((unit) => ({ ...unit, caseId })),
  });
  return 'DONE';
}
