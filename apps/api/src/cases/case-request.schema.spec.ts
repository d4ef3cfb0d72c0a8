import { ApiError } from '../common/api-error';
import { caseIdOfRequest, requestFingerprint } from './case-id';
import { CaseRequestPipe } from './case-request.pipe';
import { caseRequestSchema } from './case-request.schema';

const DAY_MS = 86_400_000;

const valid = () => ({
  requestId: 'r-1',
  orderId: 'o-1',
  merchantId: 'm-1',
  customerId: 'c-1',
  type: 'RETURN_REFUND',
  reason: 'NO_REASON',
  items: [{ sku: 'sku-1', quantity: 1, unitPrice: { amount: 12999, currency: 'CNY' }, category: 'GENERAL' }],
  paidAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
  deliveredAt: new Date(Date.now() - DAY_MS).toISOString(),
  returnMethod: 'PICKUP',
  pickupAddress: { name: 'Wang', phone: '13800000000', line1: '1 Road', city: 'Hangzhou' },
});

const failingFields = (body: unknown) => {
  const parsed = caseRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('the case request schema', () => {
  it('accepts the example of API.md', () => {
    expect(failingFields(valid())).toEqual([]);
  });

  it('refuses amounts that are not integer minor units', () => {
    const body = valid();
    body.items[0].unitPrice.amount = 129.99;
    expect(failingFields(body)).toEqual(['items.0.unitPrice.amount']);
  });

  it('refuses a second currency', () => {
    const body = valid();
    body.items.push({
      sku: 'sku-2',
      quantity: 1,
      unitPrice: { amount: 1, currency: 'USD' },
      category: 'GENERAL',
    });
    expect(failingFields(body)).toEqual(['items.1.unitPrice.currency']);
  });

  it('refuses an empty item list', () => {
    expect(failingFields({ ...valid(), items: [] })).toEqual(['items']);
  });

  it('refuses a delivery in the future or before the payment', () => {
    expect(failingFields({ ...valid(), deliveredAt: new Date(Date.now() + DAY_MS).toISOString() })).toEqual([
      'deliveredAt',
    ]);
    expect(
      failingFields({ ...valid(), deliveredAt: new Date(Date.now() - 10 * DAY_MS).toISOString() }),
    ).toEqual(['deliveredAt']);
  });

  it('ties the return method to the type and the address to PICKUP', () => {
    expect(failingFields({ ...valid(), returnMethod: 'NONE', pickupAddress: undefined })).toEqual([
      'returnMethod',
    ]);
    expect(failingFields({ ...valid(), pickupAddress: undefined })).toEqual(['pickupAddress']);
    expect(failingFields({ ...valid(), returnMethod: 'SELF_SHIP' })).toEqual(['pickupAddress']);
  });

  it('takes currentUnitPrice only for PRICE_PROTECTION', () => {
    expect(failingFields({ ...valid(), currentUnitPrice: { amount: 100, currency: 'CNY' } })).toEqual([
      'currentUnitPrice',
    ]);
  });
});

describe('the case request pipe', () => {
  const refusal = (body: unknown) => {
    try {
      new CaseRequestPipe().transform(body);
    } catch (error) {
      return (error as ApiError).getResponse();
    }
    throw new Error('the request passed');
  };

  it("answers a domain rule's failure with its finer code", () => {
    expect(refusal({ ...valid(), type: 'EXCHANGE', reason: 'NO_REASON' })).toEqual({
      error: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: expect.arrayContaining([
          { field: 'reason', message: 'EXCHANGE needs a quality reason', code: 'TYPE_REASON_MISMATCH' },
        ]),
      }),
    });
  });

  it("refuses a blank address name with the domain's own rule", () => {
    expect(refusal({ ...valid(), pickupAddress: { ...valid().pickupAddress, name: '   ' } })).toEqual({
      error: expect.objectContaining({
        details: [{ field: 'pickupAddress.name', message: 'expected a non-empty string' }],
      }),
    });
  });
});

describe('case ids of request ids', () => {
  it('derives the same UUID v5 from the same request id, and different ones otherwise', () => {
    const id = caseIdOfRequest('r-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseIdOfRequest('r-1')).toBe(id);
    expect(caseIdOfRequest('r-2')).not.toBe(id);
  });

  it('fingerprints bodies regardless of key order', () => {
    expect(requestFingerprint({ a: 1, b: [{ c: 2, d: 3 }] })).toBe(
      requestFingerprint({ b: [{ d: 3, c: 2 }], a: 1 }),
    );
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
  });
});
