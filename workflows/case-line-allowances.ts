import { patched, proxyActivities } from '@temporalio/workflow';
import type {
  AllowanceActivities,
  CaseLinesEnding,
  PriceProtectionHold,
} from '../activities/allowance.activities';
import {
  CaseEndingForQuantity,
  CaseRequest,
  CaseState,
  Money,
  multiplyMoney,
  priceProtectionLimit,
  quantityOutcome,
  LINE_ALLOWANCE_EXCEEDED,
  RefundRecord,
  splitCaseAmount,
  SYSTEM_ACTOR,
} from '../libs/domain/src';
import type { CaseRun } from './case-run';

/** The patch of contract v1.1: cases opened on order lines hold, consume and give back their allowances. */
export const ORDER_LINE_ALLOWANCES_PATCH = 'order-line-allowances';

/** The allowance activities: PostgreSQL calls, retried with backoff until they answer. */
export const allowances = proxyActivities<AllowanceActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Whether the case holds allowances on its order lines (a v1.1 case, under the patch). */
export function holdsLineAllowances(state: CaseState): boolean {
  const request = state.request;
  return (
    request !== null &&
    request.items.every((item) => item.lineId !== undefined) &&
    patched(ORDER_LINE_ALLOWANCES_PATCH)
  );
}

/** The price a price protection compares against, per item (the item's own, else the request's). */
function currentPriceOf(request: CaseRequest, index: number): Money | undefined {
  return request.items[index]?.currentUnitPrice ?? request.currentUnitPrice;
}

/**
 * A price protection's holds, one per line, under an id naming the order, the line and the catalogue price:
 * a second claim on a line at the same price collides with the first (at most once per line per price).
 */
export function priceProtectionHolds(request: CaseRequest): PriceProtectionHold[] {
  if (request.type !== 'PRICE_PROTECTION') return [];
  return request.items.flatMap((item, index) => {
    const currentPrice = currentPriceOf(request, index);
    if (!item.lineId || !currentPrice) return [];
    const limit = priceProtectionLimit({
      unitPaid: item.unitPrice,
      quantity: item.quantity,
      currentPrice,
      earlier: [],
      refundable: multiplyMoney(item.unitPrice, item.quantity),
    });
    if (!limit.allowed) return [];
    const holdId = `pp:${request.orderId}:${item.lineId}@${currentPrice.amount}${currentPrice.currency}`;
    return [{ holdId, lineId: item.lineId, amount: limit.maxAmount }];
  });
}

/** Whether `refund` is the price protection held when the case was opened (the first refund of such a case). */
function isOpeningPriceProtection(state: CaseState, refund: RefundRecord): boolean {
  return state.request?.type === 'PRICE_PROTECTION' && state.refunds[0]?.refundId === refund.refundId;
}

/** The ledger ids a refund's money is held under. */
export function refundHoldIds(state: CaseState, refund: RefundRecord): string[] {
  if (state.request && isOpeningPriceProtection(state, refund)) {
    return priceProtectionHolds(state.request).map((hold) => hold.holdId);
  }
  return [refund.refundId];
}

/**
 * Before a refund of a v1.1 case (`holdsLineAllowances`) is called: reserves its amount on the case's lines. A line that cannot
 * take it fails the refund (`LINE_ALLOWANCE_EXCEEDED`, recorded, for ops); false then.
 */
export async function holdRefundOnLines(run: CaseRun, refund: RefundRecord): Promise<boolean> {
  const held = await holdRefund(run.state, refund);
  if (held.reserved) return true;
  const message = held.message ?? 'the order lines cannot take this refund';
  await run.record(
    {
      type: 'REFUND_FAILED',
      data: { refundId: refund.refundId, errorCode: LINE_ALLOWANCE_EXCEEDED, message },
    },
    SYSTEM_ACTOR,
  );
  return false;
}

/** After a refund of a v1.1 case was paid: its held money counts as refunded on the case's lines. */
export async function refundPaidOnLines(state: CaseState, refund: RefundRecord): Promise<void> {
  await allowances.markRefundsPaid(refundHoldIds(state, refund));
}

/**
 * Reserves a refund's amount on the case's lines, split in proportion to what each paid; the opening's
 * price protection is held already. True when held, else why not.
 */
async function holdRefund(
  state: CaseState,
  refund: RefundRecord,
): Promise<{ reserved: boolean; message?: string }> {
  const request = state.request;
  if (!request || !state.caseId || isOpeningPriceProtection(state, refund)) return { reserved: true };
  const lines = splitCaseAmount(
    refund.amount,
    request.items.map((item) => ({
      lineId: item.lineId ?? item.sku,
      paid: multiplyMoney(item.unitPrice, item.quantity),
    })),
  ).filter((line) => line.amount.amount > 0);
  return allowances.reserveRefundOnLines({
    holdId: refund.refundId,
    caseId: state.caseId,
    orderId: request.orderId,
    lines,
  });
}

function endingOf(state: CaseState): CaseEndingForQuantity {
  const refunded = state.refunds.some((refund) => refund.status === 'SUCCEEDED');
  const kind = state.settlement?.kind;
  if (refunded && kind !== 'REPLACEMENT' && kind !== 'REPAIR') return 'REFUNDED';
  if (state.status === 'CANCELLED') return 'CANCELLED';
  return state.status === 'COMPLETED' ? 'COMPLETED' : 'CLOSED_WITHOUT_REFUND';
}

/**
 * How an ended case leaves its lines: a refunded case consumes its units but those sent back (graded
 * `D_CUSTOMER_DAMAGED`/`MISMATCH`), every other ending gives them back; refunds not paid give their money back.
 */
export function caseLinesEnding(state: CaseState): CaseLinesEnding | null {
  const request = state.request;
  if (!request || !state.caseId) return null;
  const outcome = quantityOutcome(endingOf(state));
  const sentBack = (sku: string) =>
    (state.inspection?.units ?? [])
      .filter(
        (unit) => unit.sku === sku && (unit.grade === 'D_CUSTOMER_DAMAGED' || unit.grade === 'MISMATCH'),
      )
      .reduce((sum, unit) => sum + unit.quantity, 0);
  const lines =
    request.type === 'PRICE_PROTECTION'
      ? []
      : request.items.map((item) => {
          const consumed = outcome === 'CONSUME' ? Math.max(0, item.quantity - sentBack(item.sku)) : 0;
          return { lineId: item.lineId ?? item.sku, consumed, released: item.quantity - consumed };
        });
  const giveBack = state.refunds
    .filter((refund) => refund.status !== 'SUCCEEDED')
    .flatMap((refund) => refundHoldIds(state, refund));
  const protectionUnpaid =
    request.type === 'PRICE_PROTECTION' &&
    !state.refunds.some((refund) => isOpeningPriceProtection(state, refund));
  if (protectionUnpaid) giveBack.push(...priceProtectionHolds(request).map((hold) => hold.holdId));
  return { caseId: state.caseId, orderId: request.orderId, lines, giveBack };
}

/** Ends the case on its lines (a v1.1 case, once it reached its end). */
export async function endCaseOnLines(state: CaseState): Promise<void> {
  const ending = caseLinesEnding(state);
  if (ending) await allowances.endCaseOnLines(ending);
}
