import type { components } from './schema';

type Schemas = components['schemas'];

/** The case view: the API's `CaseView` component. */
export type CaseView = Schemas['CaseView'];

/** An item of the case, as the order system described it. */
export type CaseItemView = CaseView['items'][number];

/** A graded line of the inspection. */
export type InspectedItemView = NonNullable<CaseView['inspection']>['items'][number];

/** One event of the case's log. */
export type CaseEventView = Schemas['CaseEvents']['items'][number];

/** Money in integer minor units (fen for CNY). */
export type Money = CaseItemView['unitPrice'];

/** `amount` (minor units) as `99.00 CNY`. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return `${(money.amount / 100).toFixed(2)} ${money.currency}`;
}

/** What the case's items cost the customer. */
export function paidTotal(view: CaseView): Money | null {
  const { items } = view;
  if (items.length === 0) return null;
  return {
    amount: items.reduce((sum, item) => sum + item.unitPrice.amount * item.quantity, 0),
    currency: items[0].unitPrice.currency,
  };
}
