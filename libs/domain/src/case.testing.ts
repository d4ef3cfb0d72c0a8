import { CaseItem, CaseRequest } from './case.types';

/** A GENERAL item of 129.99 CNY for tests. */
export function makeCaseItem(overrides: Partial<CaseItem> = {}): CaseItem {
  return {
    sku: 'sku-1',
    quantity: 1,
    unitPrice: { amount: 12999, currency: 'CNY' },
    category: 'GENERAL',
    supplierId: 's-1',
    ...overrides,
  };
}

/** A consistent no-reason PICKUP return delivered 2026-11-03 10:00Z, for tests; override any field. */
export function makeCaseRequest(overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    requestId: 'req-1',
    orderId: 'o-1',
    merchantId: 'm-1',
    customerId: 'c-1',
    type: 'RETURN_REFUND',
    reason: 'NO_REASON',
    items: [makeCaseItem()],
    paidAt: '2026-11-01T10:00:00.000Z',
    deliveredAt: '2026-11-03T10:00:00.000Z',
    returnMethod: 'PICKUP',
    pickupAddress: { name: 'Li Lei', phone: '13800000000', line1: '1 Road', city: 'Shanghai' },
    shippingInsurance: false,
    customerTier: 'STANDARD',
    evidence: [],
    ...overrides,
  };
}
