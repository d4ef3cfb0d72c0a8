import { inspectionSchema as domainInspectionSchema } from '../../../../libs/domain/src';
import {
  cancelCaseSchema,
  carrierEventSchema,
  inspectionSchema,
  merchantDecisionSchema,
} from './case-action.schemas';

const failingFields = (
  schema: { safeParse(body: unknown): { error?: { issues: Array<{ path: PropertyKey[] }> } } },
  body: unknown,
) => schema.safeParse(body).error?.issues.map((issue) => issue.path.join('.')) ?? [];

const inspection = (overrides: Record<string, unknown> = {}) => ({
  inspectionId: 'i-1',
  warehouseId: 'wh-1',
  inspector: 'Li',
  items: [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }],
  ...overrides,
});

describe('the action bodies: the domain commands with the edge limits', () => {
  it("refuses a blank inspector with the domain's rule (an id, trimmed, not empty)", () => {
    expect(failingFields(inspectionSchema, inspection({ inspector: '   ' }))).toEqual(['inspector']);
    expect(failingFields(domainInspectionSchema, inspection({ inspector: '   ' }))).toEqual(['inspector']);
  });

  it('caps an inspection at 100 graded lines, a limit of the edge alone', () => {
    const lines = Array.from({ length: 101 }, (_, index) => ({
      sku: `sku-${index}`,
      quantity: 1,
      grade: 'A_RESELLABLE',
    }));
    expect(failingFields(inspectionSchema, inspection({ items: lines }))).toEqual(['items']);
    expect(failingFields(domainInspectionSchema, inspection({ items: lines }))).toEqual([]);
  });

  it('takes grades and scans from the domain enumerations', () => {
    expect(
      failingFields(inspectionSchema, inspection({ items: [{ sku: 's', quantity: 1, grade: 'Z' }] })),
    ).toEqual(['items.0.grade']);
    const scan = {
      eventId: 'ev-1',
      trackingNumber: 'SF1',
      event: 'LOST',
      occurredAt: new Date().toISOString(),
    };
    expect(failingFields(carrierEventSchema, scan)).toEqual(['event']);
  });

  it('keeps notes to 2,000 characters and refund amounts to at least 1 minor unit', () => {
    expect(failingFields(cancelCaseSchema, { note: 'x'.repeat(2001) })).toEqual(['note']);
    expect(failingFields(cancelCaseSchema, undefined)).toEqual([]);
    expect(
      failingFields(merchantDecisionSchema, {
        decisionId: 'd-1',
        decision: 'APPROVE',
        refundAmount: { amount: 0, currency: 'CNY' },
      }),
    ).toEqual(['refundAmount.amount']);
  });
});
