import { nextSteps } from '../case.next-steps';
import { toCaseView } from '../case.view';
import { makeCaseItem } from '../case.testing';
import { TEST_ACTORS } from '../case.scenario.testing';
import {
  DAY,
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inspect,
  payAllRefunds,
  typesOf,
} from './decide-scenario.testing';
import { decideInspection, InspectionCommand } from './inspection.decide';

describe('an inspection and its settlement', () => {
  it('auto-approves under the limit, books the pickup, inspects, refunds once and completes', () => {
    const s = approvedPickup();
    expect(s.state.status).toBe('AWAITING_RETURN');
    expect(s.state.approval?.by).toBe('AUTO');
    expect(s.state.deadlines.customerShipBy).toBe(new Date(T0.getTime() + 7 * DAY).toISOString());
    expect(nextSteps(s.state)).toContainEqual({ kind: 'SYSTEM', step: 'BOOK_PICKUP', ref: null });
    deliverToWarehouse(s);
    expect(s.state.status).toBe('AWAITING_INSPECTION');
    expect(s.state.deadlines.inspectBy).toBe(new Date(s.now.getTime() + 10 * DAY).toISOString());
    const decision = expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    expect(typesOf(decision)).toEqual(['INSPECTION_RECORDED', 'SETTLEMENT_DECIDED', 'REFUND_REQUESTED']);
    expect(s.state.status).toBe('REFUNDING');
    expect(s.state.refunds).toEqual([
      expect.objectContaining({
        refundId: 'case-1-refund-1',
        idempotencyKey: 'case-1:refund:1',
        amount: { amount: 12999, currency: 'CNY' },
      }),
    ]);
    expect(s.state.deadlines.refundBy).toBe(new Date(s.now.getTime() + 7 * DAY).toISOString());
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
    const view = toCaseView(s.state);
    expect(view).toMatchObject({
      caseId: 'case-1',
      status: 'COMPLETED',
      eligibility: { eligible: true, rule: 'NO_REASON_7D', policyVersion: '2026-11-01' },
      returnShipment: { method: 'PICKUP', carrier: 'SF', trackingNumber: 'SF100', status: 'DELIVERED' },
      inspection: { items: [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }] },
      resolution: {
        kind: 'REFUND',
        refunds: [
          { refundId: 'case-1-refund-1', amount: { amount: 12999, currency: 'CNY' }, status: 'SUCCEEDED' },
        ],
      },
      closedReason: null,
      version: s.events.length,
      createdAt: T0.toISOString(),
    });
    expect(nextSteps(s.state)).toEqual([]);
  });

  it('takes the wear deduction from a B unit of a no-reason return, rounded down', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'B_REFURBISH' }]));
    expect(s.state.refunds[0].amount).toEqual({ amount: 12999 - 1299, currency: 'CNY' });
  });

  it('refunds a B unit of a quality return in full', () => {
    const s = approvedPickup({ reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'B_REFURBISH' }]));
    expect(s.state.refunds.at(-1)?.amount.amount).toBe(12999);
  });
});

describe('inspection lines and photo links', () => {
  const photo = (n: number) => `https://photos.example.test/wh-1/${n}.jpg`;
  /** A no-reason return of two lines (under the auto-approval limit), delivered to the warehouse. */
  const twoLines = () => {
    const unitPrice = { amount: 5000, currency: 'CNY' };
    const s = approvedPickup({
      items: [
        makeCaseItem({ lineId: 'o-1-1', unitPrice }),
        makeCaseItem({ lineId: 'o-1-2', sku: 'sku-2', unitPrice }),
      ],
    });
    deliverToWarehouse(s);
    return s;
  };
  const grade = (s: ReturnType<typeof twoLines>, items: InspectionCommand['items']) =>
    s.run(
      (st, c) =>
        decideInspection(st, { inspectionId: 'insp-1', warehouseId: 'wh-1', inspector: 'Wang', items }, c),
      TEST_ACTORS.warehouse,
    );

  it('records each line and its photos in the event and shows them in the view', () => {
    const s = twoLines();
    const decision = expectOk(
      grade(s, [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE', lineId: 'o-1-1', photos: [photo(1), photo(2)] },
        { sku: 'sku-2', quantity: 1, grade: 'B_REFURBISH', notes: 'scuffed corner' },
      ]),
    );
    const recorded = decision.events.find((event) => event.type === 'INSPECTION_RECORDED');
    expect(recorded?.data).toMatchObject({
      units: [
        { sku: 'sku-1', lineId: 'o-1-1', photos: [photo(1), photo(2)] },
        { sku: 'sku-2', notes: 'scuffed corner' },
      ],
    });
    expect(toCaseView(s.state).inspection?.items).toEqual([
      {
        sku: 'sku-1',
        quantity: 1,
        grade: 'A_RESELLABLE',
        disposition: 'RESTOCK',
        lineId: 'o-1-1',
        photos: [photo(1), photo(2)],
      },
      { sku: 'sku-2', quantity: 1, grade: 'B_REFURBISH', disposition: 'REFURBISH', notes: 'scuffed corner' },
    ]);
  });

  it('leaves the event as before when no line or photo is given (old histories decide the same events)', () => {
    const s = twoLines();
    const decision = expectOk(
      grade(s, [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE', photos: [] },
        { sku: 'sku-2', quantity: 1, grade: 'A_RESELLABLE' },
      ]),
    );
    const recorded = decision.events.find((event) => event.type === 'INSPECTION_RECORDED');
    expect(recorded?.data).toEqual({
      inspectionId: 'insp-1',
      warehouseId: 'wh-1',
      inspector: 'Wang',
      units: [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE', disposition: 'RESTOCK' },
        { sku: 'sku-2', quantity: 1, grade: 'A_RESELLABLE', disposition: 'RESTOCK' },
      ],
    });
  });

  it('refuses a line the case does not have, or a line of another SKU, naming the item', () => {
    const unknown = expectError(
      grade(twoLines(), [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE', lineId: 'o-9-9' },
        { sku: 'sku-2', quantity: 1, grade: 'A_RESELLABLE' },
      ]),
      'UNKNOWN_ITEM',
    );
    expect(unknown.details).toEqual([{ path: 'items.0.lineId', message: 'o-9-9 is not a line of the case' }]);
    const swapped = expectError(
      grade(twoLines(), [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' },
        { sku: 'sku-2', quantity: 1, grade: 'A_RESELLABLE', lineId: 'o-1-1' },
      ]),
      'UNKNOWN_ITEM',
    );
    expect(swapped.details).toEqual([
      { path: 'items.1.lineId', message: 'line o-1-1 holds sku-1, not sku-2' },
    ]);
  });

  it.each([
    ['a plain http link', ['http://photos.example.test/1.jpg']],
    ['not a URL', ['photo-1.jpg']],
    ['a link over 2000 characters', [`https://photos.example.test/${'x'.repeat(1990)}.jpg`]],
    ['eleven photos', Array.from({ length: 11 }, (_, n) => photo(n))],
  ])('refuses %s as photos (VALIDATION_FAILED on the photos)', (_what, photos) => {
    const error = expectError(
      grade(twoLines(), [
        { sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE', photos },
        { sku: 'sku-2', quantity: 1, grade: 'A_RESELLABLE' },
      ]),
      'VALIDATION_FAILED',
    );
    expect(error.details?.[0]?.path).toMatch(/^items\.0\.photos/);
  });
});
