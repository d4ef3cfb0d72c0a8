import { CaseState } from './case.state';

/** The clocks of DOMAIN.md, each backed by a deadline of the state. */
export const CASE_CLOCKS = [
  'MERCHANT_RESPONSE',
  'CUSTOMER_SHIP',
  'WAREHOUSE_INSPECT',
  'ESCALATION_WINDOW',
  'MERCHANT_ESCALATION_ANSWER',
  'REFUND_AFTER_INSPECTION',
  'REPLACEMENT_SHIP',
  'REPAIR_DURATION',
] as const;
/** A clock of the case. */
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** The deadline field of each clock. */
export const CLOCK_DEADLINES = {
  MERCHANT_RESPONSE: 'merchantRespondBy',
  CUSTOMER_SHIP: 'customerShipBy',
  WAREHOUSE_INSPECT: 'inspectBy',
  ESCALATION_WINDOW: 'escalateBy',
  MERCHANT_ESCALATION_ANSWER: 'merchantAnswerBy',
  REFUND_AFTER_INSPECTION: 'refundBy',
  REPLACEMENT_SHIP: 'replacementShipBy',
  REPAIR_DURATION: 'repairBy',
} as const satisfies Record<CaseClock, keyof CaseState['deadlines']>;

/** What each clock does when it expires. */
export const CLOCK_EXPIRY_ACTIONS: Readonly<Record<CaseClock, string>> = {
  MERCHANT_RESPONSE: 'auto-approve',
  CUSTOMER_SHIP: 'close the case (RETURN_NOT_SHIPPED)',
  WAREHOUSE_INSPECT: 'refund in full',
  ESCALATION_WINDOW: 'close the case (ESCALATION_WINDOW_EXPIRED)',
  MERCHANT_ESCALATION_ANSWER: 'open arbitration',
  REFUND_AFTER_INSPECTION: 'flag the case as stuck (SLA)',
  REPLACEMENT_SHIP: 'flag the case as stuck (SLA)',
  REPAIR_DURATION: 'convert the repair into an exchange or refund',
};
