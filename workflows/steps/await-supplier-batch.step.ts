import { StepHandler } from './step-handler';

/** A shipped supplier batch awaiting its credit note: the supplier's workflow signals the case when it comes. */
export const awaitSupplierBatchStep: StepHandler<'AWAIT_SUPPLIER_BATCH'> = {
  id: 'AWAIT_SUPPLIER_BATCH',
  kind: 'OUTSIDE',
};
