import { EvolverMap, deadlines } from './evolver';

/** How the replacement events change the state. */
export const REPLACEMENT_EVOLVERS: EvolverMap<
  'REPLACEMENT_RESERVED' | 'REPLACEMENT_SHIPPED' | 'REPLACEMENT_UNAVAILABLE'
> = {
  REPLACEMENT_RESERVED: (state, event) => ({
    ...state,
    replacement: {
      status: 'RESERVED',
      reservationId: event.data.reservationId,
      carrier: null,
      trackingNumber: null,
    },
  }),
  REPLACEMENT_SHIPPED: (state, event) => ({
    ...state,
    replacement: {
      status: 'SHIPPED',
      reservationId: state.replacement?.reservationId ?? null,
      carrier: event.data.carrier,
      trackingNumber: event.data.trackingNumber,
    },
    deadlines: deadlines(state, { replacementShipBy: null }),
  }),
  REPLACEMENT_UNAVAILABLE: (state) => ({
    ...state,
    replacement: {
      status: 'UNAVAILABLE',
      reservationId: state.replacement?.reservationId ?? null,
      carrier: null,
      trackingNumber: null,
    },
    deadlines: deadlines(state, { replacementShipBy: null }),
  }),
};
