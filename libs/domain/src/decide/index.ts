// The decide side of a case: one rule per command family, and `decide` routing a CaseCommand to its rule.
/** What a rule is given and what it answers. */
export type { DecideContext, Decision } from './decision';
export { applyDecision } from './decision';
export { isResolutionDone } from './settle';
export * from './case-command';
export * from './decide';
export * from './request.decide';
export * from './amount-limits';
export * from './merchant-decision.decide';
export * from './cancel.decide';
export * from './return-shipment.decide';
export * from './escalation.decide';
export * from './arbitration.decide';
export * from './carrier-scan.decide';
export * from './warehouse-receipt.decide';
export * from './inspection.decide';
export * from './clock-expired.decide';
export * from './pickup.decide';
export * from './insurance.decide';
export * from './refund.decide';
export * from './replacement.decide';
export * from './repair.decide';
export * from './supplier-return.decide';
export * from './ops-action.decide';
export * from './step-attention.decide';
