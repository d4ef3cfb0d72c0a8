import { makeCaseItem, makeCaseRequest } from './case.testing';
import { CaseRequest } from './case.types';
import { assess } from './eligibility';
import { DEFAULT_POLICY } from './policy.default';
import { makeTestPolicy } from './policy.testing';

// Rules the mutation run of eligibility.ts / eligibility.verdict.ts found unpinned (README "Mutation
// testing"): each test states one of them.

const PLUS = 'm-jd-style';
// 2026-11-03 18:00 in Asia/Shanghai.
const DELIVERED = '2026-11-03T10:00:00.000Z';
const after = (hours: number) => new Date(Date.parse(DELIVERED) + hours * 3_600_000);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const request = (overrides: Partial<CaseRequest> = {}) =>
  makeCaseRequest({ deliveredAt: DELIVERED, ...overrides });
const freshClaim = (overrides: Partial<CaseRequest> = {}) =>
  request({
    type: 'REFUND_ONLY',
    reason: 'SPOILED',
    returnMethod: 'NONE',
    pickupAddress: undefined,
    items: [makeCaseItem({ category: 'FRESH', unitPrice: cny(100) })],
    evidence: [{ kind: 'PHOTO', url: 'https://p/1.jpg' }],
    ...overrides,
  });

describe('refusals are never eligible', () => {
  it('refuses a fresh-food claim without a photo: not eligible, not approved', () => {
    expect(assess(freshClaim({ evidence: [] }), DEFAULT_POLICY, after(1))).toMatchObject({
      eligible: false,
      rule: 'FRESH_NEEDS_PHOTO',
      autoApprove: false,
    });
  });

  it('refuses a price-protection claim whose price did not drop: not eligible, not approved', () => {
    const policy = makeTestPolicy({ allProfiles: { autoApprovePriceProtection: true } });
    const claim = request({
      merchantId: PLUS,
      type: 'PRICE_PROTECTION',
      reason: 'PRICE_DROP',
      returnMethod: 'NONE',
      pickupAddress: undefined,
      currentUnitPrice: cny(12999),
    });
    expect(assess(claim, policy, after(1))).toMatchObject({
      eligible: false,
      rule: 'NO_PRICE_DROP',
      autoApprove: false,
    });
  });

  it('refuses a visible defect of electronics reported late even for a trusted customer', () => {
    const late = request({
      reason: 'DAMAGED_IN_TRANSIT',
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ category: 'ELECTRONICS' })],
    });
    expect(assess(late, DEFAULT_POLICY, after(49))).toMatchObject({
      eligible: false,
      rule: 'ELECTRONICS_DEFECT_REPORT_LATE',
      autoApprove: false,
      fastRefundEligible: false,
    });
  });
});

describe('fresh food among other goods', () => {
  it.each([
    ['RETURN_REFUND', 'QUALITY_RETURN'],
    ['EXCHANGE', 'QUALITY_EXCHANGE'],
    ['REPAIR', 'WARRANTY_REPAIR'],
  ] as const)('refuses a %s with one fresh item among others as claim-only', (type, appliedRule) => {
    const mixed = request({
      type,
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem(), makeCaseItem({ sku: 'sku-2', category: 'FRESH' })],
    });
    expect(assess(mixed, DEFAULT_POLICY, after(1))).toMatchObject({
      eligible: false,
      rule: 'FRESH_CLAIM_ONLY',
      appliedRule,
    });
  });
});

describe('price-protection auto-approval', () => {
  it('auto-approves nothing but price protection on the strength of autoApprovePriceProtection', () => {
    const policy = makeTestPolicy({ allProfiles: { autoApprovePriceProtection: true } });
    const quality = request({ merchantId: PLUS, reason: 'QUALITY_ISSUE' });
    expect(assess(quality, policy, after(1))).toMatchObject({
      eligible: true,
      autoApprove: false,
      autoApproveReason: null,
    });
  });
});

describe('return-shipping insurance', () => {
  it('is claimed only when the order has it', () => {
    expect(assess(request({ shippingInsurance: false }), DEFAULT_POLICY, after(1))).toMatchObject({
      freightPayer: 'CUSTOMER',
      insuranceClaimDue: false,
    });
    expect(assess(request({ shippingInsurance: true }), DEFAULT_POLICY, after(1)).insuranceClaimDue).toBe(
      true,
    );
  });

  it('is not claimed when the merchant pays the freight, whatever the insurance', () => {
    const quality = request({ reason: 'QUALITY_ISSUE', shippingInsurance: true });
    expect(assess(quality, DEFAULT_POLICY, after(1))).toMatchObject({
      freightPayer: 'MERCHANT',
      insuranceClaimDue: false,
    });
  });
});

describe('the explanation names the window that was checked', () => {
  it('in days for a day window, until its end', () => {
    const { explanation, windowEndsAt } = assess(request(), DEFAULT_POLICY, after(1));
    expect(explanation).toContain('7 days');
    expect(explanation).toContain(`until ${windowEndsAt}`);
  });

  it('in months for a warranty', () => {
    const repair = request({
      type: 'REPAIR',
      reason: 'QUALITY_ISSUE',
      items: [makeCaseItem({ warrantyMonths: 6 })],
    });
    expect(assess(repair, DEFAULT_POLICY, after(1)).explanation).toContain('6 months');
  });

  it('as a duration for a fresh-food claim', () => {
    expect(assess(freshClaim(), DEFAULT_POLICY, after(1)).explanation).toContain('PT48H');
  });

  it('says when a window ended', () => {
    const late = assess(request(), DEFAULT_POLICY, after(24 * 30));
    expect(late.explanation).toContain('ended at 2026-11-10T15:59:59.999Z');
    expect(late.explanation).not.toContain('not offered');
  });

  it('says a rule of 0 days is not offered rather than that its window ended', () => {
    const policy = makeTestPolicy({ allProfiles: { noReasonReturnDays: 0 } });
    const explanation = assess(request(), policy, after(1)).explanation;
    expect(explanation).toContain('not offered');
    expect(explanation).not.toContain('ended');
  });

  it('names every inconsistent field of an inconsistent request', () => {
    const inconsistent = request({ type: 'EXCHANGE', reason: 'NO_REASON', returnMethod: 'NONE' });
    const { explanation } = assess(inconsistent, DEFAULT_POLICY, after(1));
    expect(explanation).toContain('type: ');
    expect(explanation).toContain('returnMethod: ');
  });
});
