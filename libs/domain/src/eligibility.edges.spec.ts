import { makeCaseItem, makeCaseRequest } from './case.testing';
import { CaseRequest } from './case.types';
import { assess, paidTotal, priceProtectionRefundOf } from './eligibility';
import { DEFAULT_POLICY } from './policy.default';
import { makeTestPolicy } from './policy.testing';

const PLUS = 'm-jd-style';
// 2026-11-03 18:00 in Asia/Shanghai.
const DELIVERED = '2026-11-03T10:00:00.000Z';
const after = (hours: number) => new Date(Date.parse(DELIVERED) + hours * 3_600_000);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const request = (overrides: Partial<CaseRequest> = {}) =>
  makeCaseRequest({ deliveredAt: DELIVERED, ...overrides });

describe('what the customer paid', () => {
  it('adds unit price times quantity over every item, in their currency', () => {
    const items = [
      makeCaseItem({ quantity: 2, unitPrice: { amount: 150, currency: 'USD' } }),
      makeCaseItem({ sku: 'sku-2', quantity: 3, unitPrice: { amount: 10, currency: 'USD' } }),
    ];
    expect(paidTotal(items)).toEqual({ amount: 330, currency: 'USD' });
    expect(paidTotal([])).toEqual(cny(0));
  });
});

describe('the window a request is checked against', () => {
  it('counts a no-reason return in calendar days from delivery', () => {
    expect(assess(request(), DEFAULT_POLICY, after(1)).window).toEqual({
      from: 'DELIVERY',
      fromInstant: DELIVERED,
      days: 7,
      duration: null,
      months: null,
      endsAt: '2026-11-10T15:59:59.999Z',
    });
  });

  it('counts a fresh-food claim as an exact duration from delivery', () => {
    const claim = request({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [makeCaseItem({ category: 'FRESH' })],
      evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
    });
    expect(assess(claim, DEFAULT_POLICY, after(1)).window).toEqual({
      from: 'DELIVERY',
      fromInstant: DELIVERED,
      days: null,
      duration: 'PT48H',
      months: null,
      endsAt: after(48).toISOString(),
    });
  });

  it('counts a repair in months of the shortest warranty of the items', () => {
    const repair = request({
      type: 'REPAIR',
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ warrantyMonths: 24 }), makeCaseItem({ sku: 'sku-2', warrantyMonths: 6 })],
    });
    const assessment = assess(repair, DEFAULT_POLICY, after(1));
    expect(assessment.window).toMatchObject({ from: 'DELIVERY', days: null, duration: null, months: 6 });
    expect(assessment.windowEndsAt).toBe('2027-05-03T15:59:59.999Z');
    expect(assess(repair, DEFAULT_POLICY, new Date('2027-05-03T16:00:00.000Z')).rule).toBe('OUT_OF_WINDOW');
  });

  it('accepts a request at the very instant of delivery and refuses one just before', () => {
    expect(assess(request(), DEFAULT_POLICY, after(0)).eligible).toBe(true);
    expect(assess(request(), DEFAULT_POLICY, new Date(Date.parse(DELIVERED) - 1))).toMatchObject({
      eligible: false,
      rule: 'NOT_YET_DELIVERED',
      appliedRule: null,
      window: null,
      windowEndsAt: null,
    });
  });

  it('refuses a rule the profile does not offer (0 days) as out of window', () => {
    const policy = makeTestPolicy({ allProfiles: { noReasonReturnDays: 0 } });
    expect(assess(request(), policy, after(1))).toMatchObject({
      eligible: false,
      rule: 'OUT_OF_WINDOW',
      appliedRule: 'NO_REASON_7D',
      windowEndsAt: null,
      autoApprove: false,
    });
  });

  it('refuses an inconsistent request whatever its window, naming no applied rule', () => {
    const inconsistent = request({ type: 'EXCHANGE', reason: 'NO_REASON' });
    expect(assess(inconsistent, DEFAULT_POLICY, after(1))).toMatchObject({
      eligible: false,
      rule: 'INCONSISTENT_REQUEST',
      appliedRule: null,
      window: null,
      autoApprove: false,
    });
  });
});

describe('fresh food outside the fresh-food claim', () => {
  it.each([
    ['EXCHANGE', 'QUALITY_EXCHANGE'],
    ['REPAIR', 'WARRANTY_REPAIR'],
  ] as const)('refuses a %s of fresh food as a claim-only good', (type, appliedRule) => {
    const fresh = request({ type, reason: 'QUALITY_ISSUE', items: [makeCaseItem({ category: 'FRESH' })] });
    expect(assess(fresh, DEFAULT_POLICY, after(1))).toMatchObject({
      eligible: false,
      rule: 'FRESH_CLAIM_ONLY',
      appliedRule,
    });
  });

  it('checks the window of a fresh-food claim before its photos', () => {
    const late = request({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      items: [makeCaseItem({ category: 'FRESH' })],
      evidence: [],
    });
    expect(assess(late, DEFAULT_POLICY, after(49)).rule).toBe('OUT_OF_WINDOW');
    expect(
      assess({ ...late, evidence: [{ kind: 'VIDEO', url: 'https://v/1.mp4' }] }, DEFAULT_POLICY, after(1))
        .rule,
    ).toBe('FRESH_NEEDS_PHOTO');
  });
});

describe('electronics visible defects', () => {
  const defect = (
    reason: 'DAMAGED_IN_TRANSIT' | 'MISSING_PARTS',
    items = [makeCaseItem({ category: 'ELECTRONICS' })],
  ) => request({ reason, items });

  it('applies to missing parts too', () => {
    expect(assess(defect('MISSING_PARTS'), DEFAULT_POLICY, after(49)).rule).toBe(
      'ELECTRONICS_DEFECT_REPORT_LATE',
    );
  });

  it('takes the earliest report-by instant of several electronics, ignoring other goods', () => {
    const items = [
      makeCaseItem({ category: 'ELECTRONICS', portable: false }),
      makeCaseItem({ sku: 'sku-2', category: 'ELECTRONICS', portable: true }),
      makeCaseItem({ sku: 'sku-3' }),
    ];
    expect(assess(defect('DAMAGED_IN_TRANSIT', items), DEFAULT_POLICY, after(1)).visibleDefectReportBy).toBe(
      after(48).toISOString(),
    );
  });

  it('does not apply to goods other than electronics', () => {
    expect(assess(defect('DAMAGED_IN_TRANSIT', [makeCaseItem()]), DEFAULT_POLICY, after(100))).toMatchObject({
      eligible: true,
      rule: 'QUALITY_RETURN',
      visibleDefectReportBy: null,
    });
  });

  it('does not replace a refusal for another reason', () => {
    expect(assess(defect('DAMAGED_IN_TRANSIT'), DEFAULT_POLICY, after(24 * 30))).toMatchObject({
      rule: 'OUT_OF_WINDOW',
      visibleDefectReportBy: null,
    });
  });
});

describe('price protection', () => {
  const claim = (overrides: Partial<CaseRequest> = {}) =>
    request({
      merchantId: PLUS,
      type: 'PRICE_PROTECTION',
      reason: 'PRICE_DROP',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      paidAt: '2026-11-01T10:00:00.000Z',
      ...overrides,
    });

  it('refunds only the items with a known current price, the item price before the request one', () => {
    const items = [
      makeCaseItem({ quantity: 2, currentUnitPrice: cny(12000) }),
      makeCaseItem({ sku: 'sku-2', quantity: 1 }),
    ];
    expect(priceProtectionRefundOf(claim({ items }))).toEqual(cny(1998));
    expect(priceProtectionRefundOf(claim({ items, currentUnitPrice: cny(11999) }))).toEqual(cny(2998));
  });

  it('counts from payment, so a claim before delivery is in time', () => {
    const early = claim({ currentUnitPrice: cny(11999), deliveredAt: '2026-11-04T10:00:00.000Z' });
    expect(assess(early, DEFAULT_POLICY, new Date('2026-11-02T00:00:00.000Z'))).toMatchObject({
      eligible: true,
      rule: 'PRICE_PROTECTION',
      window: { from: 'PAYMENT', fromInstant: '2026-11-01T10:00:00.000Z', days: 30 },
    });
    expect(assess(early, DEFAULT_POLICY, new Date('2026-11-01T09:59:59.999Z')).rule).toBe(
      'NOT_YET_DELIVERED',
    );
  });

  it('checks the window before the price drop', () => {
    expect(
      assess(claim({ currentUnitPrice: cny(12999) }), DEFAULT_POLICY, new Date('2027-01-01T00:00:00Z')).rule,
    ).toBe('OUT_OF_WINDOW');
  });

  it('auto-approves an in-window claim only when the profile says so', () => {
    const policy = makeTestPolicy({ allProfiles: { autoApprovePriceProtection: true } });
    const now = new Date('2026-11-05T00:00:00Z');
    expect(assess(claim({ currentUnitPrice: cny(11999) }), policy, now)).toMatchObject({
      autoApprove: true,
      autoApproveReason: 'PRICE_PROTECTION',
      freightPayer: 'NONE',
      returnRequired: false,
    });
    expect(assess(claim({ currentUnitPrice: cny(11999) }), DEFAULT_POLICY, now)).toMatchObject({
      autoApprove: false,
      autoApproveReason: null,
    });
  });

  it('reports no price-protection refund for other case types', () => {
    expect(assess(request(), DEFAULT_POLICY, after(1)).priceProtectionRefund).toBeNull();
  });
});

describe('auto-approval and fast refund limits', () => {
  const usdItem = makeCaseItem({ unitPrice: { amount: 100, currency: 'USD' } });

  it('does not compare amounts of another currency with the limits', () => {
    const trusted = request({ items: [usdItem], customerTier: 'TRUSTED' });
    expect(assess(trusted, DEFAULT_POLICY, after(1))).toMatchObject({
      autoApproveReason: 'TRUSTED_CUSTOMER',
      fastRefundEligible: false,
    });
    expect(assess(request({ items: [usdItem] }), DEFAULT_POLICY, after(1)).autoApprove).toBe(false);
  });

  it('approves a fresh-food claim under the limit before looking at the customer tier', () => {
    const claim = request({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ category: 'FRESH', unitPrice: cny(100) })],
      evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
    });
    expect(assess(claim, DEFAULT_POLICY, after(1)).autoApproveReason).toBe('FRESH_CLAIM_UNDER_LIMIT');
    const dear = {
      ...claim,
      customerTier: 'STANDARD' as const,
      items: [makeCaseItem({ category: 'FRESH', unitPrice: cny(20001) })],
    };
    expect(assess(dear, DEFAULT_POLICY, after(1)).autoApprove).toBe(false);
  });

  it('gives no fast refund for a trusted customer claim that ships nothing back', () => {
    const claim = request({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ category: 'FRESH', unitPrice: cny(100) })],
      evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
    });
    expect(assess(claim, DEFAULT_POLICY, after(1)).fastRefundEligible).toBe(false);
  });

  it('claims no shipping insurance when nothing is shipped back', () => {
    const claim = request({
      type: 'REFUND_ONLY',
      reason: 'SPOILED',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      shippingInsurance: true,
      items: [makeCaseItem({ category: 'FRESH' })],
      evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
    });
    expect(assess(claim, DEFAULT_POLICY, after(1))).toMatchObject({
      insuranceClaimDue: false,
      freightPayer: 'NONE',
    });
  });
});
