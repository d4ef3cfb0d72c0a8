import { EvolverMap } from './evolver';

/** How the supplier-return events change the state. */
export const SUPPLIER_RETURN_EVOLVERS: EvolverMap<
  'SUPPLIER_RETURN_QUEUED' | 'SUPPLIER_RETURN_SHIPPED' | 'SUPPLIER_RETURN_CREDITED'
> = {
  SUPPLIER_RETURN_QUEUED: (state, event) => ({
    ...state,
    supplierReturns: [
      ...state.supplierReturns,
      {
        supplierId: event.data.supplierId,
        batchId: null,
        status: 'PENDING',
        units: event.data.units,
        creditNoteId: null,
      },
    ],
  }),
  SUPPLIER_RETURN_SHIPPED: (state, event) => {
    const { data } = event;
    let index = state.supplierReturns.findIndex((entry) => entry.batchId === data.batchId);
    if (index < 0) {
      index = state.supplierReturns.findIndex(
        (entry) =>
          entry.batchId === null && (data.supplierId === undefined || entry.supplierId === data.supplierId),
      );
    }
    return index < 0
      ? state
      : {
          ...state,
          supplierReturns: state.supplierReturns.map((entry, position) =>
            position === index ? { ...entry, batchId: data.batchId, status: 'SHIPPED' as const } : entry,
          ),
        };
  },
  SUPPLIER_RETURN_CREDITED: (state, event) => ({
    ...state,
    supplierReturns: state.supplierReturns.map((entry) =>
      entry.batchId === event.data.batchId
        ? { ...entry, status: 'CREDITED' as const, creditNoteId: event.data.creditNoteId }
        : entry,
    ),
  }),
};
