import { CarrierScan } from '../shipment.events';
import { ReturnShipmentStatus, commandKey } from '../case.state';
import { CaseStatus } from '../case.types';
import { EvolverMap, deadlines, withIds } from './evolver';

// The order a parcel moves through; a late scan never moves it back.
const SHIPMENT_PROGRESS: Record<ReturnShipmentStatus, number> = {
  NOT_SHIPPED: 0,
  BOOKED: 1,
  SHIPPED: 2,
  PICKED_UP: 3,
  IN_TRANSIT: 4,
  EXCEPTION: 4,
  DELIVERED: 5,
  CANCELLED: 6,
};

function statusAfterScan(status: CaseStatus | null, scan: CarrierScan): CaseStatus | null {
  if (scan === 'DELIVERED') {
    return status === 'AWAITING_RETURN' || status === 'RETURN_IN_TRANSIT' ? 'AWAITING_INSPECTION' : status;
  }
  if (scan === 'PICKED_UP' || scan === 'IN_TRANSIT') {
    return status === 'AWAITING_RETURN' ? 'RETURN_IN_TRANSIT' : status;
  }
  return status;
}

/** How the return-shipment events change the state. */
export const RETURN_SHIPMENT_EVOLVERS: EvolverMap<
  | 'PICKUP_BOOKED'
  | 'PICKUP_CANCELLED'
  | 'RETURN_SHIPMENT_REGISTERED'
  | 'CARRIER_SCAN_RECORDED'
  | 'INSURANCE_CLAIM_FILED'
  | 'INSURANCE_CLAIM_PAID'
> = {
  PICKUP_BOOKED: (state, event) => ({
    ...state,
    returnShipment: {
      method: 'PICKUP',
      carrier: event.data.carrier,
      trackingNumber: event.data.trackingNumber,
      bookingId: event.data.bookingId,
      status: 'BOOKED',
      lastScanAt: state.returnShipment?.lastScanAt ?? null,
    },
  }),
  PICKUP_CANCELLED: (state) =>
    state.returnShipment === null
      ? state
      : { ...state, returnShipment: { ...state.returnShipment, status: 'CANCELLED' } },
  RETURN_SHIPMENT_REGISTERED: (state, event) => ({
    ...state,
    status: state.status === 'AWAITING_RETURN' ? 'RETURN_IN_TRANSIT' : state.status,
    returnShipment: {
      method: 'SELF_SHIP',
      carrier: event.data.carrier,
      trackingNumber: event.data.trackingNumber,
      bookingId: null,
      status: 'SHIPPED',
      lastScanAt: state.returnShipment?.lastScanAt ?? null,
    },
    deadlines: deadlines(state, { customerShipBy: null }),
  }),
  CARRIER_SCAN_RECORDED: (state, event) => {
    const at = event.occurredAt;
    const { data } = event;
    const shipment = state.returnShipment ?? {
      method: state.request?.returnMethod ?? 'SELF_SHIP',
      carrier: null,
      trackingNumber: data.trackingNumber,
      bookingId: null,
      status: 'NOT_SHIPPED' as const,
      lastScanAt: null,
    };
    const forward = SHIPMENT_PROGRESS[data.scan] >= SHIPMENT_PROGRESS[shipment.status];
    const status = statusAfterScan(state.status, data.scan);
    const moved = status !== state.status;
    return {
      ...state,
      status,
      returnShipment: {
        ...shipment,
        status: forward ? data.scan : shipment.status,
        lastScanAt: data.scannedAt,
      },
      deadlines: moved
        ? deadlines(state, {
            customerShipBy: null,
            inspectBy: status === 'AWAITING_INSPECTION' ? data.inspectBy : state.deadlines.inspectBy,
          })
        : state.deadlines,
      flags:
        data.scan === 'EXCEPTION'
          ? [...state.flags, { kind: 'CARRIER_EXCEPTION', trackingNumber: data.trackingNumber, at }]
          : state.flags,
      riskFlags:
        data.outOfOrder && !state.riskFlags.includes('OUT_OF_ORDER_SCAN')
          ? [...state.riskFlags, 'OUT_OF_ORDER_SCAN']
          : state.riskFlags,
      commandIds: withIds(state, commandKey.carrierEvent(data.eventId)),
    };
  },
  INSURANCE_CLAIM_FILED: (state, event) => ({
    ...state,
    insuranceClaim: { claimId: event.data.claimId, status: 'FILED', amount: null },
  }),
  INSURANCE_CLAIM_PAID: (state, event) => ({
    ...state,
    insuranceClaim: { claimId: event.data.claimId, status: 'PAID', amount: event.data.amount },
  }),
};
