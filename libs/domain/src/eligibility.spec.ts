import { CaseRequest } from './case.types';
import { makeCaseItem, makeCaseRequest } from './case.testing';
import { assess } from './eligibility';
import { DEFAULT_POLICY } from './policy.default';

const NATIONAL = 'm-1';
const PLUS = 'm-jd-style';
// 2026-11-03 23:59 in Asia/Shanghai (UTC+8).
const DELIVERED_LATE_EVENING = '2026-11-03T15:59:00.000Z';
const ms = (iso: string) => Date.parse(iso);
/** The last instant of local day (2026-11-03 + days) in Asia/Shanghai. */
const lastInstantOfDayAfter = (days: number) => new Date(Date.UTC(2026, 10, 3 + days, 15, 59, 59, 999));

const requestFor = (merchantId: string, overrides: Partial<CaseRequest>) =>
  makeCaseRequest({ merchantId, deliveredAt: DELIVERED_LATE_EVENING, ...overrides });

describe('day windows at midnight Asia/Shanghai', () => {
  const cases: Array<[string, string, Partial<CaseRequest>, string, number]> = [
    ['national', NATIONAL, { reason: 'NO_REASON' }, 'NO_REASON_7D', 7],
    ['national', NATIONAL, { reason: 'QUALITY_ISSUE' }, 'QUALITY_RETURN', 7],
    ['national', NATIONAL, { type: 'EXCHANGE', reason: 'QUALITY_ISSUE' }, 'QUALITY_EXCHANGE', 15],
    ['platform-plus', PLUS, { reason: 'NO_REASON' }, 'NO_REASON_7D', 30],
    ['platform-plus', PLUS, { reason: 'QUALITY_ISSUE' }, 'QUALITY_RETURN', 30],
    ['platform-plus', PLUS, { type: 'EXCHANGE', reason: 'QUALITY_ISSUE' }, 'QUALITY_EXCHANGE', 180],
  ];
  it.each(cases)(
    '%s: %s keeps %s open until 23:59:59.999 local on day %i after delivery',
    (_profile, merchantId, overrides, rule, days) => {
      const request = requestFor(merchantId, overrides);
      const end = lastInstantOfDayAfter(days);
      const inside = assess(request, DEFAULT_POLICY, end);
      expect(inside).toMatchObject({
        eligible: true,
        rule,
        windowEndsAt: end.toISOString(),
        policyVersion: '2026-11-01',
      });
      expect(inside.window?.days).toBe(days);
      const outside = assess(request, DEFAULT_POLICY, new Date(end.getTime() + 1));
      expect(outside).toMatchObject({ eligible: false, rule: 'OUT_OF_WINDOW', appliedRule: rule });
    },
  );

  it('closes the no-reason window at midnight Asia/Shanghai on the 7th day after delivery', () => {
    const request = requestFor(NATIONAL, {});
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-10T15:59:59.999Z')).eligible).toBe(true);
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-10T16:00:00.000Z')).rule).toBe('OUT_OF_WINDOW');
  });

  it('counts from the next local day when delivery is just after local midnight', () => {
    // 2026-11-04 00:00 local: the window covers 11-05..11-11.
    const request = requestFor(NATIONAL, { deliveredAt: '2026-11-03T16:00:00.000Z' });
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-11T15:59:59.999Z')).eligible).toBe(true);
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-11T16:00:00.000Z')).eligible).toBe(false);
  });

  it('names the profile that applied', () => {
    expect(
      assess(requestFor(NATIONAL, {}), DEFAULT_POLICY, new Date(ms(DELIVERED_LATE_EVENING) + 1)).profile,
    ).toBe('national');
    expect(
      assess(requestFor(PLUS, {}), DEFAULT_POLICY, new Date(ms(DELIVERED_LATE_EVENING) + 1)).profile,
    ).toBe('platform-plus');
  });
});

describe('no-reason exclusions', () => {
  it.each(['CUSTOM', 'FRESH', 'DIGITAL', 'PERIODICAL'] as const)(
    'refuses a no-reason return of %s goods with EXCLUDED_CATEGORY',
    (category) => {
      for (const merchantId of [NATIONAL, PLUS]) {
        const request = requestFor(merchantId, { items: [makeCaseItem({ category })] });
        expect(assess(request, DEFAULT_POLICY, new Date('2026-11-04T00:00:00Z'))).toMatchObject({
          eligible: false,
          rule: 'EXCLUDED_CATEGORY',
        });
      }
    },
  );

  it('refuses the whole case when one item of several is excluded', () => {
    const request = requestFor(NATIONAL, {
      items: [makeCaseItem(), makeCaseItem({ sku: 'sku-2', category: 'DIGITAL' })],
    });
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-04T00:00:00Z')).rule).toBe('EXCLUDED_CATEGORY');
  });

  it.each(['CUSTOM', 'DIGITAL', 'PERIODICAL', 'GENERAL', 'ELECTRONICS'] as const)(
    'accepts a quality return of %s goods',
    (category) => {
      const request = requestFor(NATIONAL, { reason: 'QUALITY_ISSUE', items: [makeCaseItem({ category })] });
      expect(assess(request, DEFAULT_POLICY, new Date('2026-11-04T00:00:00Z'))).toMatchObject({
        eligible: true,
        rule: 'QUALITY_RETURN',
      });
    },
  );

  it('sends fresh food to the fresh claim instead of a quality return', () => {
    const request = requestFor(NATIONAL, {
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ category: 'FRESH' })],
    });
    expect(assess(request, DEFAULT_POLICY, new Date('2026-11-04T00:00:00Z')).rule).toBe('FRESH_CLAIM_ONLY');
  });
});

describe('warranty repair', () => {
  const repair = (merchantId: string, warrantyMonths?: number) =>
    requestFor(merchantId, {
      type: 'REPAIR',
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem(warrantyMonths === undefined ? {} : { warrantyMonths })],
    });
  it.each([NATIONAL, PLUS])(
    'repairs within the default 12 months of the local delivery date (%s)',
    (merchantId) => {
      const end = new Date('2027-11-03T15:59:59.999Z');
      expect(assess(repair(merchantId), DEFAULT_POLICY, end)).toMatchObject({
        eligible: true,
        rule: 'WARRANTY_REPAIR',
      });
      expect(assess(repair(merchantId), DEFAULT_POLICY, new Date(end.getTime() + 1)).rule).toBe(
        'OUT_OF_WINDOW',
      );
    },
  );
  it('uses the item warranty when given', () => {
    expect(assess(repair(NATIONAL, 24), DEFAULT_POLICY, new Date('2028-11-03T15:59:59.999Z')).eligible).toBe(
      true,
    );
    expect(assess(repair(NATIONAL, 24), DEFAULT_POLICY, new Date('2028-11-03T16:00:00.000Z')).eligible).toBe(
      false,
    );
  });
  it('offers no repair for an item with no warranty', () => {
    expect(assess(repair(NATIONAL, 0), DEFAULT_POLICY, new Date('2026-11-04T00:00:00Z')).rule).toBe(
      'OUT_OF_WINDOW',
    );
  });
});

describe('fresh-food claims', () => {
  const claim = (merchantId: string, evidence = [{ kind: 'PHOTO' as const, url: 'https://p/1.jpg' }]) =>
    requestFor(merchantId, {
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [makeCaseItem({ category: 'FRESH', unitPrice: { amount: 8800, currency: 'CNY' } })],
      evidence,
    });
  it.each([NATIONAL, PLUS])(
    'accepts a claim with a photo within 48 h of delivery, exactly (%s)',
    (merchantId) => {
      const edge = new Date(ms(DELIVERED_LATE_EVENING) + 48 * 3_600_000);
      expect(assess(claim(merchantId), DEFAULT_POLICY, edge)).toMatchObject({
        eligible: true,
        rule: 'FRESH_CLAIM',
        returnRequired: false,
        freightPayer: 'NONE',
        autoApprove: true,
        autoApproveReason: 'FRESH_CLAIM_UNDER_LIMIT',
      });
      expect(assess(claim(merchantId), DEFAULT_POLICY, new Date(edge.getTime() + 1)).rule).toBe(
        'OUT_OF_WINDOW',
      );
    },
  );
  it('refuses a claim without a photo with FRESH_NEEDS_PHOTO', () => {
    expect(
      assess(claim(NATIONAL, []), DEFAULT_POLICY, new Date(ms(DELIVERED_LATE_EVENING) + 1000)).rule,
    ).toBe('FRESH_NEEDS_PHOTO');
  });
  it('refuses REFUND_ONLY of non-fresh goods as inconsistent', () => {
    const request = { ...claim(NATIONAL), items: [makeCaseItem()] };
    expect(assess(request, DEFAULT_POLICY, new Date(ms(DELIVERED_LATE_EVENING) + 1000)).rule).toBe(
      'INCONSISTENT_REQUEST',
    );
  });
});

describe('electronics visible defects', () => {
  const defect = (portable: boolean | undefined) =>
    requestFor(NATIONAL, {
      reason: 'DAMAGED_IN_TRANSIT',
      items: [makeCaseItem({ category: 'ELECTRONICS', ...(portable === undefined ? {} : { portable }) })],
    });
  it.each([
    ['portable', true, 48],
    ['portable by default', undefined, 48],
    ['non-portable', false, 72],
  ] as const)('must be reported within the hours of a %s device', (_label, portable, hours) => {
    const edge = new Date(ms(DELIVERED_LATE_EVENING) + hours * 3_600_000);
    expect(assess(defect(portable), DEFAULT_POLICY, edge)).toMatchObject({
      eligible: true,
      visibleDefectReportBy: edge.toISOString(),
    });
    expect(assess(defect(portable), DEFAULT_POLICY, new Date(edge.getTime() + 1)).rule).toBe(
      'ELECTRONICS_DEFECT_REPORT_LATE',
    );
  });
  it('leaves a functional quality issue of electronics to the quality window', () => {
    const request = requestFor(NATIONAL, {
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ category: 'ELECTRONICS' })],
    });
    expect(assess(request, DEFAULT_POLICY, new Date(ms(DELIVERED_LATE_EVENING) + 100 * 3_600_000)).rule).toBe(
      'QUALITY_RETURN',
    );
  });
});

describe('price protection', () => {
  const claim = (merchantId: string, current = 11999) =>
    requestFor(merchantId, {
      type: 'PRICE_PROTECTION',
      reason: 'PRICE_DROP',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      paidAt: '2026-11-01T10:00:00.000Z',
      items: [makeCaseItem({ quantity: 2 })],
      currentUnitPrice: { amount: current, currency: 'CNY' },
    });
  it('is not offered by the national profile (priceProtectionDays 0)', () => {
    expect(assess(claim(NATIONAL), DEFAULT_POLICY, new Date('2026-11-05T00:00:00Z')).rule).toBe(
      'PRICE_PROTECTION_NOT_OFFERED',
    );
  });
  it('refunds (paid − current) × quantity within 30 days of payment under platform-plus', () => {
    // Paid 2026-11-01 18:00 local: the window ends 2026-12-01 23:59:59.999 local.
    const end = new Date('2026-12-01T15:59:59.999Z');
    expect(assess(claim(PLUS), DEFAULT_POLICY, end)).toMatchObject({
      eligible: true,
      rule: 'PRICE_PROTECTION',
      priceProtectionRefund: { amount: 2000, currency: 'CNY' },
      returnRequired: false,
    });
    expect(assess(claim(PLUS), DEFAULT_POLICY, new Date(end.getTime() + 1)).rule).toBe('OUT_OF_WINDOW');
  });
  it('refuses when the price did not drop', () => {
    expect(assess(claim(PLUS, 12999), DEFAULT_POLICY, new Date('2026-11-05T00:00:00Z')).rule).toBe(
      'NO_PRICE_DROP',
    );
  });
});

describe('auto-approval, fast refund and freight', () => {
  const now = new Date('2026-11-05T00:00:00Z');
  const priced = (amount: number, overrides: Partial<CaseRequest> = {}) =>
    requestFor(NATIONAL, { items: [makeCaseItem({ unitPrice: { amount, currency: 'CNY' } })], ...overrides });
  it.each([
    ['a no-reason return at the limit', true, 'NO_REASON_UNDER_LIMIT', priced(20000)],
    ['a no-reason return above the limit', false, null, priced(20001)],
    ['a quality return of a standard customer', false, null, priced(100, { reason: 'QUALITY_ISSUE' })],
    [
      'any in-window case of a trusted customer',
      true,
      'TRUSTED_CUSTOMER',
      priced(900000, { reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' }),
    ],
  ] as const)('auto-approval of %s is %s (%s)', (_label, autoApprove, reason, request) => {
    expect(assess(request, DEFAULT_POLICY, now)).toMatchObject({ autoApprove, autoApproveReason: reason });
  });
  it('never auto-approves an ineligible request, even of a trusted customer', () => {
    const request = priced(100, { customerTier: 'TRUSTED', items: [makeCaseItem({ category: 'CUSTOM' })] });
    expect(assess(request, DEFAULT_POLICY, now)).toMatchObject({
      eligible: false,
      autoApprove: false,
      fastRefundEligible: false,
    });
  });
  it.each([
    ['a trusted customer under the limit', true, priced(49999, { customerTier: 'TRUSTED' })],
    ['a trusted customer at the limit', false, priced(50000, { customerTier: 'TRUSTED' })],
    ['a standard customer', false, priced(100)],
    [
      'an exchange',
      false,
      priced(100, { customerTier: 'TRUSTED', type: 'EXCHANGE', reason: 'QUALITY_ISSUE' }),
    ],
  ] as const)('fast refund for %s is %s', (_label, expected, request) => {
    expect(assess(request, DEFAULT_POLICY, now).fastRefundEligible).toBe(expected);
  });
  it('puts the freight on the customer for no-reason returns and on the merchant for quality problems', () => {
    expect(assess(priced(100), DEFAULT_POLICY, now).freightPayer).toBe('CUSTOMER');
    expect(assess(priced(100, { reason: 'WRONG_ITEM' }), DEFAULT_POLICY, now).freightPayer).toBe('MERCHANT');
  });
  it('claims the return-shipping insurance when the customer pays the freight', () => {
    expect(assess(priced(100, { shippingInsurance: true }), DEFAULT_POLICY, now).insuranceClaimDue).toBe(
      true,
    );
    expect(
      assess(priced(100, { shippingInsurance: true, reason: 'QUALITY_ISSUE' }), DEFAULT_POLICY, now)
        .insuranceClaimDue,
    ).toBe(false);
  });
  it('refuses a request made before delivery', () => {
    expect(assess(priced(100), DEFAULT_POLICY, new Date('2026-11-03T00:00:00Z')).rule).toBe(
      'NOT_YET_DELIVERED',
    );
  });
});
