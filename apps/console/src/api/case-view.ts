import type { paths } from './schema';

/** Money in integer minor units (fen for CNY). */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * The fields of the case view the console reads, as the API's case view (libs/domain case.view.ts)
 * gives them; the OpenAPI document describes `items`, `resolution`, ... as plain objects.
 */
export interface CaseItemView {
  lineId?: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  category?: string;
  supplierId?: string;
}

/** A refund of the case. */
export interface RefundView {
  refundId: string;
  amount: Money;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  purpose: 'FAST_REFUND' | 'SETTLEMENT';
}

/** A graded line of the inspection. */
export interface InspectedItemView {
  sku: string;
  quantity: number;
  grade: string;
  disposition: string;
  lineId?: string;
  notes?: string;
  photos?: string[];
}

/** A step an outside system refused, waiting for ops. */
export interface AttentionView {
  stepKey: string;
  since: string;
  [key: string]: unknown;
}

type CaseViewBody = paths['/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];

/** The case view with the parts the console shows typed (the answer's body, read as the API gives it). */
export interface CaseView {
  caseId: string;
  status: string;
  version: number;
  type?: string;
  reason?: string;
  orderId?: string;
  merchantId?: string;
  customerId?: string;
  createdAt?: string;
  updatedAt?: string;
  closedReason?: string | null;
  items?: CaseItemView[];
  deadlines?: Record<string, string | null>;
  returnShipment?: {
    method?: string;
    carrier?: string | null;
    trackingNumber?: string | null;
    status?: string;
  } | null;
  inspection?: { inspectionId?: string; items: InspectedItemView[] } | null;
  resolution?: {
    kind: string;
    refunds: RefundView[];
    entitled: Money | null;
    refundedTotal: Money;
    recoveryDue: Money | null;
  } | null;
  supplierReturns?: Array<{ supplierId: string; batchId: string | null; status: string }>;
  needsAttention?: AttentionView[];
  flags?: Array<Record<string, unknown>>;
  riskFlags?: string[];
}

/** One event of the case's log. */
export interface CaseEventView {
  seq?: number;
  eventId?: string;
  type?: string;
  occurredAt?: string;
  actor?: { role?: string; id?: string };
  data?: Record<string, unknown>;
}

/** The case view of a JSON answer. */
export function asCaseView(body: CaseViewBody): CaseView {
  return body as unknown as CaseView;
}

/** `amount` (minor units) as `99.00 CNY`. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return `${(money.amount / 100).toFixed(2)} ${money.currency}`;
}

/** What the case's items cost the customer. */
export function paidTotal(view: CaseView): Money | null {
  const items = view.items ?? [];
  if (items.length === 0) return null;
  return {
    amount: items.reduce((sum, item) => sum + item.unitPrice.amount * item.quantity, 0),
    currency: items[0].unitPrice.currency,
  };
}
