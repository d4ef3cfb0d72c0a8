import { EvolverMap, deadlines } from './evolver';

/** How the replacement events change the state. */
export const REPLACEMENT_EVOLVERS: EvolverMap<
  'REPLACEMENT_RESERVED' | 'REPLACEMENT_SHIPPED' | 'REPLACEMENT_UNAVAILABLE'
> = {
  REPLACEMENT_RESERVED: (state, event) => ({
    ...state,
    replacement: {
      status: 'RESERVED',
      reservationIds: event.data.reservationIds,
      carrier: null,
      trackingNumber: null,
    },
  }),
  REPLACEMENT_SHIPPED: (state, event) => ({
    ...state,
    replacement: {
      status: 'SHIPPED',
      reservationIds: state.replacement?.reservationIds ?? [],
      carrier: event.data.carrier,
      trackingNumber: event.data.trackingNumber,
    },
    deadlines: deadlines(state, { replacementShipBy: null }),
  }),
  REPLACEMENT_UNAVAILABLE: (state) => ({
    ...state,
    replacement: {
      status: 'UNAVAILABLE',
      reservationIds: state.replacement?.reservationIds ?? [],
      carrier: null,
      trackingNumber: null,
    },
    deadlines: deadlines(state, { replacementShipBy: null }),
  }),
};
