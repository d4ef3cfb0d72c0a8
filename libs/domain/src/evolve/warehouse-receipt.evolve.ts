import { commandKey } from '../case.state';
import { EvolverMap, deadlines, withIds } from './evolver';

/** How a warehouse receipt changes the state: a case waiting for its parcel goes to inspection. */
export const WAREHOUSE_RECEIPT_EVOLVERS: EvolverMap<'WAREHOUSE_RECEIPT_RECORDED'> = {
  WAREHOUSE_RECEIPT_RECORDED: (state, event) => {
    const { data } = event;
    const arrives = state.status === 'AWAITING_RETURN' || state.status === 'RETURN_IN_TRANSIT';
    return {
      ...state,
      status: arrives ? 'AWAITING_INSPECTION' : state.status,
      returnShipment: state.returnShipment === null ? null : { ...state.returnShipment, status: 'DELIVERED' },
      deadlines: arrives
        ? deadlines(state, { customerShipBy: null, inspectBy: state.deadlines.inspectBy ?? data.inspectBy })
        : state.deadlines,
      commandIds: withIds(state, commandKey.receipt(data.receiptId)),
    };
  },
};
