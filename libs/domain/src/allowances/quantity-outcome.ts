import type { CaseType } from '../case.types';

/** How a case ended, as far as the units it held go. */
export type CaseEndingForQuantity =
  /** The customer got money for the units (return refund, refund-only, an exchange that fell back to a refund). */
  | 'REFUNDED'
  /** An exchange or repair was completed: the customer holds a unit again. */
  | 'COMPLETED'
  /** Cancelled by the customer. */
  | 'CANCELLED'
  /** Closed without a refund (a rejection whose escalation window closed, a ruling for the merchant). */
  | 'CLOSED_WITHOUT_REFUND'
  /** Units graded `D_CUSTOMER_DAMAGED` or `MISMATCH`, sent back to the customer. */
  | 'SENT_BACK';

/** What happens to the units a case held when it ends: consumed for good, or given back to the line. */
export type QuantityOutcome = 'CONSUME' | 'RELEASE';

/** Whether a case of `type` holds units of its lines while open (every type except price protection). */
export function holdsQuantity(type: CaseType): boolean {
  return type !== 'PRICE_PROTECTION';
}

/** What an ending does to the units: only a refund for them consumes them; every other ending gives them back. */
export function quantityOutcome(ending: CaseEndingForQuantity): QuantityOutcome {
  switch (ending) {
    case 'REFUNDED':
      return 'CONSUME';
    case 'COMPLETED':
    case 'CANCELLED':
    case 'CLOSED_WITHOUT_REFUND':
    case 'SENT_BACK':
      return 'RELEASE';
    default: {
      const unknownEnding: never = ending;
      throw new Error(`unknown case ending ${String(unknownEnding)}`);
    }
  }
}
