import { ApiError } from '../common/api-error';
import { caseIdOfRequest, requestFingerprint } from './case-id';
import { CaseRequestPipe } from './case-request.pipe';
import { caseRequestSchema } from './case-request.schema';

/** API.md's example of a v1.1 body. */
const valid = (): Record<string, unknown> & { lines: Array<Record<string, unknown>> } => ({
  requestId: 'r-1',
  orderId: 'o-1',
  type: 'RETURN_REFUND',
  reason: 'NO_REASON',
  lines: [{ lineId: 'o-1-1', quantity: 1 }],
  returnMethod: 'PICKUP',
  pickupAddress: { name: 'Wang', phone: '13800000000', line1: '1 Road', city: 'Hangzhou' },
  evidence: [{ kind: 'PHOTO', url: 'https://example.test/1.jpg' }],
  description: 'does not fit',
});

const failingFields = (body: unknown) => {
  const parsed = caseRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

/** The fields the pipe's 400 names. */
const refusedFields = (body: unknown): string[] => {
  try {
    new CaseRequestPipe().transform(body);
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return ((error.details ?? []) as Array<{ field: string }>).map((detail) => detail.field);
  }
};

describe('the case request schema (contract v1.1)', () => {
  it('accepts the example of API.md', () => {
    expect(failingFields(valid())).toEqual([]);
    expect(refusedFields(valid())).toEqual([]);
  });

  it('refuses every money fact stated by the asker, by name, with any other failing field', () => {
    const stated = [
      'items',
      'unitPrice',
      'paidAt',
      'deliveredAt',
      'customerTier',
      'currentUnitPrice',
      'merchantId',
      'customerId',
    ];
    const body = { ...valid(), ...Object.fromEntries(stated.map((field) => [field, 'x'])), type: 'NOPE' };
    expect(refusedFields(body).sort()).toEqual([...stated, 'type'].sort());
  });

  it('refuses an empty line list, a line named twice and a quantity that is not a positive whole number', () => {
    expect(failingFields({ ...valid(), lines: [] })).toEqual(['lines']);
    expect(
      failingFields({
        ...valid(),
        lines: [
          { lineId: 'o-1-1', quantity: 1 },
          { lineId: 'o-1-1', quantity: 2 },
        ],
      }),
    ).toEqual(['lines.1.lineId']);
    expect(failingFields({ ...valid(), lines: [{ lineId: 'o-1-1', quantity: 1.5 }] })).toEqual([
      'lines.0.quantity',
    ]);
    expect(failingFields({ ...valid(), lines: [{ lineId: 'o-1-1', quantity: 1, unitPrice: 1 }] })).toEqual([
      'lines.0',
    ]);
  });

  it('takes a pickup address only with PICKUP', () => {
    expect(failingFields({ ...valid(), returnMethod: 'SELF_SHIP' })).toEqual(['pickupAddress']);
  });

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
