import { CaseEventDataMap } from '../case.events';
import { CaseState } from '../case.state';
import { CaseStatus, SYSTEM_ACTOR, assertNever } from '../case.types';
import { Settlement } from '../settlement.types';
import { clocksOf, due } from './due';
import { Emitter } from './emitter';
import { nextRefundIds } from './refund-amounts';

/** Records a settlement with its deadlines, requests its refund, queues defective units for their supplier, and ends the case when nothing is left to do. */
export function settle(out: Emitter, settlement: Settlement): void {
  const clocks = clocksOf(out.state);
  const ctx = out.ctx;
  const refundDue = settlement.refundDue.amount > 0;
  out.emit(
    'SETTLEMENT_DECIDED',
    {
      ...settlement,
      refundBy: refundDue && clocks ? due(ctx, clocks.refundAfterInspection) : null,
      replacementShipBy:
        settlement.kind === 'REPLACEMENT' && clocks ? due(ctx, clocks.replacementShip) : null,
      repairBy: settlement.kind === 'REPAIR' && clocks ? due(ctx, clocks.repairMaxDuration) : null,
    },
    SYSTEM_ACTOR,
  );
  if (refundDue) {
    out.emit(
      'REFUND_REQUESTED',
      { ...nextRefundIds(out.state), amount: settlement.refundDue, purpose: 'SETTLEMENT' },
      SYSTEM_ACTOR,
    );
  }
  if (settlement.basis === 'INSPECTION') queueSupplierReturns(out, settlement);
  finishIfDone(out);
}

function queueSupplierReturns(out: Emitter, settlement: Settlement): void {
  const request = out.state.request;
  if (!request) return;
  const bySupplier = new Map<string, CaseEventDataMap['SUPPLIER_RETURN_QUEUED']['units']>();
  for (const line of settlement.lines) {
    if (line.disposition !== 'RETURN_TO_SUPPLIER') continue;
    const item = request.items.find((candidate) => candidate.sku === line.sku);
    if (!item?.supplierId) continue;
    const units = bySupplier.get(item.supplierId) ?? [];
    units.push({
      unitId: `${out.state.caseId}:${line.sku}:${units.length + 1}`,
      sku: line.sku,
      quantity: line.quantity,
      unitCost: item.unitPrice,
    });
    bySupplier.set(item.supplierId, units);
  }
  for (const [supplierId, units] of bySupplier)
    out.emit('SUPPLIER_RETURN_QUEUED', { supplierId, units }, SYSTEM_ACTOR);
}

/** Whether the settled resolution is fully carried out (refunds paid, replacement shipped, repair done). */
export function isResolutionDone(state: CaseState): boolean {
  const settlement = state.settlement;
  if (!settlement) return false;
  if (state.refunds.some((refund) => refund.status !== 'SUCCEEDED')) return false;
  switch (settlement.kind) {
    case 'REPLACEMENT':
      return state.replacement?.status === 'SHIPPED';
    case 'REPAIR':
      return state.repair?.status === 'COMPLETED';
    case 'REFUND':
    case 'NONE':
      return true;
    default:
      return assertNever(settlement.kind, 'settlement kind');
  }
}

const RESOLVING: readonly CaseStatus[] = ['REFUNDING', 'REPLACING', 'REPAIRING', 'AWAITING_INSPECTION'];

/** Ends the case once its resolution is done: refused units open a rejection the customer may escalate, else COMPLETED. */
export function finishIfDone(out: Emitter): void {
  const state = out.state;
  if (state.status === null || !RESOLVING.includes(state.status) || !isResolutionDone(state)) return;
  const clocks = clocksOf(state);
  if (state.refusedUnitsOpen > 0 && clocks) {
    out.emit(
      'CASE_REJECTED',
      {
        by: 'INSPECTION',
        escalateBy: due(out.ctx, clocks.escalationWindow),
        note: `${state.refusedUnitsOpen} unit(s) refused at inspection`,
      },
      SYSTEM_ACTOR,
    );
    return;
  }
  out.emit('CASE_COMPLETED', { resolution: state.settlement?.kind ?? 'NONE' }, SYSTEM_ACTOR);
}
