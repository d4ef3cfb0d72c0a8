import { commandKey } from '../case.state';
import { CaseStatus } from '../case.types';
import { EvolverMap, deadlines, withIds } from './evolver';

/** How the settlement events change the state. */
export const SETTLEMENT_EVOLVERS: EvolverMap<
  'FAST_REFUND_GRANTED' | 'INSPECTION_RECORDED' | 'SETTLEMENT_DECIDED'
> = {
  FAST_REFUND_GRANTED: (state, event) => ({
    ...state,
    fastRefund: { refundId: event.data.refundId, amount: event.data.amount },
  }),
  INSPECTION_RECORDED: (state, event) => {
    const at = event.occurredAt;
    return {
      ...state,
      inspection: { ...event.data, at },
      deadlines: deadlines(state, { inspectBy: null }),
      commandIds: withIds(state, commandKey.inspection(event.data.inspectionId)),
    };
  },
  SETTLEMENT_DECIDED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    const status: CaseStatus | null =
      data.kind === 'REPLACEMENT'
        ? 'REPLACING'
        : data.kind === 'REPAIR'
          ? 'REPAIRING'
          : data.kind === 'REFUND' && data.refundDue.amount > 0
            ? 'REFUNDING'
            : state.status;
    return {
      ...state,
      status,
      settlement: data,
      refusedUnitsOpen: data.refusedUnits,
      replacement:
        data.kind === 'REPLACEMENT'
          ? { status: 'PENDING', reservationIds: [], carrier: null, trackingNumber: null }
          : state.replacement,
      repair:
        data.kind === 'REPAIR'
          ? { status: 'PENDING', repairId: null, attempts: 0, failures: 0 }
          : state.repair,
      flags:
        data.recoveryDue.amount > 0
          ? [...state.flags, { kind: 'RECOVERY_DUE', amount: data.recoveryDue, at }]
          : state.flags,
      deadlines: deadlines(state, {
        inspectBy: null,
        refundBy: data.refundBy,
        replacementShipBy: data.replacementShipBy,
        repairBy: data.repairBy,
      }),
    };
  },
};
