import type { SystemStep } from './case.next-steps';

/** Why an outside system refused a step for good: its code, message and HTTP status when it gave one. */
export interface StepError {
  code: string;
  message: string;
  httpStatus?: number;
}
/** An outside system refused a system step for good: the case lists it for ops (`needsAttention`). */
export interface StepRefusedData {
  /** The step's identity (`systemStepKey`), URL-safe. */
  stepKey: string;
  step: SystemStep;
  error: StepError;
}
/** Ops asked for a refused step to run again (same idempotency key). */
export interface StepRetriedData {
  stepKey: string;
  reason: string;
}
/** Ops resolved a refused step by hand: its effect happened outside (DONE) or it is not needed (SKIPPED). */
export interface StepResolvedData {
  stepKey: string;
  outcome: 'DONE' | 'SKIPPED';
  externalRef?: string;
  note: string;
  /** The workflow does not run the step again though nothing else in the case shows it done. */
  waived: boolean;
}
