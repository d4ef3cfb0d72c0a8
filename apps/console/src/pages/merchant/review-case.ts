import type { CaseView, Money } from '../../api/case-view';

/** The two lists of the page: requests waiting for a first answer, and escalations waiting for one. */
export type ReviewQueueKind = 'PENDING_MERCHANT_REVIEW' | 'ESCALATED';

/** The clock each list runs against: the response clock, or the escalation answer clock. */
export const CLOCK_OF_QUEUE: Record<ReviewQueueKind, 'merchantRespondBy' | 'merchantAnswerBy'> = {
  PENDING_MERCHANT_REVIEW: 'merchantRespondBy',
  ESCALATED: 'merchantAnswerBy',
};

/** Below this much time left, a clock is shown as urgent (red). */
export const URGENT_BELOW_MS = 4 * 3_600_000;

/** What the customer paid for the case's items (the most a refund can be). */
export function paidOf(view: Pick<CaseView, 'items'>): Money | null {
  if (view.items.length === 0) return null;
  const currency = view.items[0].unitPrice.currency;
  const amount = view.items.reduce((sum, item) => sum + item.unitPrice.amount * item.quantity, 0);
  return { amount, currency };
}

/** `amount` minor units as a decimal string with two places (`32999` → `329.99`). */
export function majorUnits(money: Money): string {
  const sign = money.amount < 0 ? '-' : '';
  const absolute = Math.abs(money.amount);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Money for people: `¥329.99` in CNY, else `329.99 USD`. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return money.currency === 'CNY' ? `¥${majorUnits(money)}` : `${majorUnits(money)} ${money.currency}`;
}

/**
 * A typed amount (`120`, `120.5`, `120.50`) in minor units; null when it is not a positive amount with
 * at most two decimals. Whether it is within what was paid is the API's to say.
 */
export function parseMajorUnits(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/** When the list's clock runs out (ISO 8601; null when it is not running). */
export function clockOf(view: Pick<CaseView, 'deadlines'>, kind: ReviewQueueKind): string | null {
  return view.deadlines[CLOCK_OF_QUEUE[kind]];
}
