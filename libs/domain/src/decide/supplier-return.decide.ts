import { CaseState } from '../case.state';
import { Money } from '../money';
import { DecideContext, Decision, duplicate, fail } from './decision';
import { Emitter } from './emitter';

/** The supplier batch that shipped (the supplier named when the batch is one supplier's). */
export interface SupplierReturnShippedCommand {
  batchId: string;
  supplierId?: string;
}

/** The supplier's credit note for a batch. */
export interface SupplierReturnCreditedCommand {
  batchId: string;
  creditNoteId: string;
  amount?: Money;
}

/** The supplier batch holding the case's units shipped (any status: the case may be completed already). Idempotent. */
export function decideSupplierReturnShipped(
  state: CaseState,
  command: SupplierReturnShippedCommand,
  ctx: DecideContext,
): Decision {
  if (state.supplierReturns.some((entry) => entry.batchId === command.batchId)) return duplicate();
  const pending = state.supplierReturns.find(
    (entry) =>
      entry.batchId === null && (command.supplierId === undefined || entry.supplierId === command.supplierId),
  );
  if (!pending)
    return fail(state, 'UNKNOWN_REFERENCE', `no supplier return waits for batch ${command.batchId}`);
  const out = new Emitter(state, ctx);
  out.emit('SUPPLIER_RETURN_SHIPPED', { batchId: command.batchId, supplierId: pending.supplierId });
  return out.done();
}

/** The supplier's credit note closed the batch. Idempotent. */
export function decideSupplierReturnCredited(
  state: CaseState,
  command: SupplierReturnCreditedCommand,
  ctx: DecideContext,
): Decision {
  const entry = state.supplierReturns.find((candidate) => candidate.batchId === command.batchId);
  if (!entry) return fail(state, 'UNKNOWN_REFERENCE', `no supplier return in batch ${command.batchId}`);
  if (entry.status === 'CREDITED') return duplicate();
  const out = new Emitter(state, ctx);
  out.emit('SUPPLIER_RETURN_CREDITED', { ...command });
  return out.done();
}
