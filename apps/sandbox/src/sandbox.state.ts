import { IdempotencyStore } from './idempotency';
import { OrderRecord } from './orders.schemas';
import { Address, Money } from './sandbox.schemas';

/** A refund as the refund system holds it. */
export interface RefundRecord {
  refundId: string;
  idempotencyKey: string;
  caseId: string;
  refundNo: number | string;
  amount: Money;
  reason?: string;
  status: 'PENDING' | 'SUCCEEDED';
  createdAt: string;
  completedAt?: string;
}

/** One row of the ledger: money that actually left, once per refund. */
export interface PayoutRecord {
  refundId: string;
  idempotencyKey: string;
  caseId: string;
  refundNo: number | string;
  amount: Money;
  paidAt: string;
}

/** What happened to one `POST /refunds` call, for the ledger's counters. */
export interface RefundCallRecord {
  caseId?: string;
  outcome: 'RECEIVED' | 'CREATED' | 'DUPLICATE_ABSORBED' | 'CONFLICT_REJECTED';
}

/** A return-shipping insurance claim, paid at once. */
export interface InsuranceClaimRecord {
  claimId: string;
  idempotencyKey: string;
  caseId: string;
  trackingNumber?: string;
  status: 'PAID';
  paidAmount: Money;
  paidAt: string;
}

/** Where a parcel is, in carrier terms. */
export type ParcelStatus = 'BOOKED' | 'CANCELLED' | 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'EXCEPTION';

/** A scan event the carrier reported. */
export type CarrierScanEvent = 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'EXCEPTION';

/** A parcel the carrier knows by tracking number: a pickup booking or an outbound shipment. */
export interface ParcelRecord {
  trackingNumber: string;
  kind: 'PICKUP' | 'SHIPMENT';
  /** The booking or shipment id. */
  reference: string;
  caseId?: string;
  status: ParcelStatus;
  scans: { eventId: string; event: CarrierScanEvent; occurredAt: string }[];
}

/** A doorstep pickup booking. */
export interface PickupRecord {
  bookingId: string;
  idempotencyKey: string;
  caseId: string;
  carrier: string;
  trackingNumber: string;
  address: Address;
  bookedAt: string;
  cancelledAt?: string;
}

/** An outbound shipment (replacement, supplier batch, repaired item). */
export interface ShipmentRecord {
  shipmentId: string;
  idempotencyKey: string;
  caseId?: string;
  purpose: string;
  carrier: string;
  trackingNumber: string;
  createdAt: string;
}

/** A return the warehouse was told to expect. */
export interface ExpectedReturnRecord {
  expectedReturnId: string;
  idempotencyKey: string;
  caseId: string;
  warehouseId: string;
  trackingNumber?: string;
  items: { sku: string; quantity: number }[];
  status: 'EXPECTED';
  createdAt: string;
}

/** Stock held for a replacement. */
export interface ReservationRecord {
  reservationId: string;
  idempotencyKey: string;
  caseId?: string;
  sku: string;
  quantity: number;
  status: 'RESERVED' | 'RELEASED' | 'SHIPPED';
  createdAt: string;
}

/** A replacement the warehouse shipped. */
export interface WmsShipmentRecord {
  shipmentId: string;
  idempotencyKey: string;
  caseId: string;
  reservationId: string;
  carrier: string;
  trackingNumber: string;
  createdAt: string;
}

/** A repair order; its outcome is fixed at creation and visible once `completesAt` has passed. */
export interface RepairRecord {
  repairId: string;
  idempotencyKey: string;
  caseId: string;
  sku: string;
  outcome: 'REPAIRED' | 'FAILED';
  createdAt: string;
  completesAt: string;
}

/** A return-to-vendor batch the supplier acknowledged. */
export interface SupplierBatchRecord {
  batchId: string;
  supplierId: string;
  units: { caseId: string; sku: string; quantity: number; unitCost?: Money }[];
  status: 'ACKNOWLEDGED' | 'CREDITED';
  acknowledgedAt: string;
  creditNote?: { creditNoteId: string; amount: Money; issuedAt: string; delivered: boolean };
}

/** A notice sent to a customer. */
export interface NotificationRecord {
  notificationId: string;
  idempotencyKey?: string;
  caseId: string;
  customerId?: string;
  channel: string;
  template: string;
  data?: Record<string, unknown>;
  status: 'ACCEPTED';
  acceptedAt: string;
}

/** Everything the played systems remember; `POST /_sandbox/reset` replaces it with a fresh one. */
export class SandboxState {
  readonly refund = {
    byId: new Map<string, RefundRecord>(),
    byKey: new IdempotencyStore<RefundRecord>(),
    payouts: [] as PayoutRecord[],
    calls: [] as RefundCallRecord[],
  };
  readonly insurance = {
    byId: new Map<string, InsuranceClaimRecord>(),
    byKey: new IdempotencyStore<InsuranceClaimRecord>(),
  };
  readonly carrier = {
    parcels: new Map<string, ParcelRecord>(),
    pickups: new Map<string, PickupRecord>(),
    pickupsByKey: new IdempotencyStore<PickupRecord>(),
    shipmentsByKey: new IdempotencyStore<ShipmentRecord>(),
  };
  readonly wms = {
    stock: new Map<string, number>(),
    expectedReturnsByKey: new IdempotencyStore<ExpectedReturnRecord>(),
    reservations: new Map<string, ReservationRecord>(),
    reservationsByKey: new IdempotencyStore<ReservationRecord>(),
    shipmentsByKey: new IdempotencyStore<WmsShipmentRecord>(),
  };
  readonly repair = {
    byId: new Map<string, RepairRecord>(),
    byKey: new IdempotencyStore<RepairRecord>(),
  };
  readonly supplier = {
    batches: new Map<string, SupplierBatchRecord>(),
    byBatchId: new IdempotencyStore<SupplierBatchRecord>(),
  };
  readonly notify = {
    notices: [] as NotificationRecord[],
    byKey: new IdempotencyStore<NotificationRecord>(),
  };
  readonly orders = {
    byId: new Map<string, OrderRecord>(),
    /** The current price per SKU, for price protection. */
    catalogue: new Map<string, Money>(),
  };
}
