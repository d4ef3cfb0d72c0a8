import { CaseEventDataMap } from '../case.events';
import { typeShipsGoodsBack } from '../case.request';
import { Money } from '../money';
import { settleFullRefund, settleLinesAsRefund, settlePriceProtection } from '../settlement';
import { SettlementBasis } from '../settlement.types';
import { clocksOf, due } from './due';
import { Emitter } from './emitter';
import { settlementMoney } from './refund-amounts';
import { settle } from './settle';

/** Who approved, with the command ids, note and partial amount that go with the approval. */
export interface Approval {
  readonly by: CaseEventDataMap['CASE_APPROVED']['by'];
  readonly decisionId?: string;
  readonly rulingId?: string;
  readonly note?: string;
  readonly refundAmount?: Money;
}

/** Approves the case and starts what follows: the return leg, or the refund without return. */
export function approve(out: Emitter, approval: Approval): void {
  const state = out.state;
  const request = state.request;
  const clocks = clocksOf(state);
  if (!request || !clocks) return;
  const { by } = approval;
  const base = {
    by,
    ...(approval.decisionId ? { decisionId: approval.decisionId } : {}),
    ...(approval.rulingId ? { rulingId: approval.rulingId } : {}),
    ...(approval.note ? { note: approval.note } : {}),
    ...(approval.refundAmount ? { refundAmount: approval.refundAmount } : {}),
  };
  const cap = approval.refundAmount ?? null;
  const basis: SettlementBasis = by === 'ARBITRATION' ? 'ARBITRATION' : 'ESCALATION';
  if (state.escalation?.contests === 'INSPECTION' && state.settlement) {
    // The units refused at inspection are refunded on top of what was refunded (the goods are back).
    out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
    settle(
      out,
      settleLinesAsRefund(
        basis,
        state.settlement.lines,
        (line) => line.outcome === 'REFUSED',
        settlementMoney(out.state, cap),
      ),
    );
    return;
  }
  if (by === 'ARBITRATION' && approval.refundAmount) {
    // A ruling with an amount refunds without return.
    out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
    settle(out, settleFullRefund('ARBITRATION', request.items, settlementMoney(out.state, cap)));
    return;
  }
  if (typeShipsGoodsBack(request.type)) {
    out.emit('CASE_APPROVED', {
      ...base,
      returnRequired: true,
      customerShipBy: due(out.ctx, clocks.customerShip),
    });
    return;
  }
  out.emit('CASE_APPROVED', { ...base, returnRequired: false, customerShipBy: null });
  const money = settlementMoney(out.state, cap);
  settle(
    out,
    request.type === 'PRICE_PROTECTION'
      ? settlePriceProtection(request.items, request.currentUnitPrice, money)
      : settleFullRefund('FRESH_CLAIM', request.items, money),
  );
}
