import { Money } from './money.types';

/** A return-shipping insurance claim for a case's return freight. */
export interface FileClaimRequest {
  idempotencyKey: string;
  caseId: string;
  trackingNumber?: string;
  /** The freight to reimburse; the insurer's standard payout when left out. */
  amount?: Money;
}

/** A paid claim. */
export interface InsuranceClaim {
  claimId: string;
  caseId: string;
  status: 'PAID';
  paidAmount: Money;
  paidAt: string;
}
