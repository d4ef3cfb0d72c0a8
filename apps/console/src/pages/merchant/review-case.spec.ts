/// <reference types="jest" />
import type { CaseView } from '../../api/case-view';
import { clockOf, formatMoney, majorUnits, paidOf, parseMajorUnits } from './review-case';

const NO_CLOCK: CaseView['deadlines'] = {
  merchantRespondBy: null,
  customerShipBy: null,
  inspectBy: null,
  escalateBy: null,
  merchantAnswerBy: null,
  refundBy: null,
  replacementShipBy: null,
  repairBy: null,
};

type ReviewFields = Pick<CaseView, 'items' | 'deadlines'>;

const view = (overrides: Partial<ReviewFields> = {}): ReviewFields => ({
  items: [
    { sku: 'sku-1', quantity: 2, unitPrice: { amount: 32999, currency: 'CNY' }, category: 'GENERAL' },
    { sku: 'sku-2', quantity: 1, unitPrice: { amount: 1, currency: 'CNY' }, category: 'GENERAL' },
  ],
  deadlines: { ...NO_CLOCK, merchantRespondBy: '2026-11-30T10:00:00.000Z' },
  ...overrides,
});

describe('the merchant review’s money and clocks', () => {
  it('reads a typed amount in yuan as fen, refusing what is not a positive amount of two decimals at most', () => {
    expect(parseMajorUnits('120.50')).toBe(12050);
    expect(parseMajorUnits(' 120.5 ')).toBe(12050);
    expect(parseMajorUnits('120,05')).toBe(12005);
    expect(parseMajorUnits('400')).toBe(40000);
    expect(parseMajorUnits('0.01')).toBe(1);
    for (const bad of ['', '0', '0.00', '-5', '1.234', 'abc', '1e3', '12.'])
      expect(parseMajorUnits(bad)).toBeNull();
  });

  it('writes fen as yuan with two decimals', () => {
    expect(majorUnits({ amount: 32999, currency: 'CNY' })).toBe('329.99');
    expect(majorUnits({ amount: 5, currency: 'CNY' })).toBe('0.05');
    expect(majorUnits({ amount: -150, currency: 'CNY' })).toBe('-1.50');
    expect(formatMoney({ amount: 12050, currency: 'CNY' })).toBe('¥120.50');
    expect(formatMoney({ amount: 12050, currency: 'USD' })).toBe('120.50 USD');
    expect(formatMoney(null)).toBe('—');
  });

  it('sums what was paid over the items and their quantities', () => {
    expect(paidOf(view())).toEqual({ amount: 65999, currency: 'CNY' });
    expect(paidOf(view({ items: [] }))).toBeNull();
  });

  it('runs each list against its own clock', () => {
    expect(clockOf(view(), 'PENDING_MERCHANT_REVIEW')).toBe('2026-11-30T10:00:00.000Z');
    expect(clockOf(view(), 'ESCALATED')).toBeNull();
  });
});
