import { TEST_ACTORS as A, CaseScenario } from '../case.scenario.testing';
import { CaseState } from '../case.state';
import { makeCaseItem } from '../case.testing';
import {
  T0,
  approvedPickup,
  deliverToWarehouse,
  expectError,
  expectOk,
  inspect,
  reviewed,
} from './decide-scenario.testing';
import { DecideContext, Decision } from './decision';
import { decideInsuranceClaimFiled, decideInsuranceClaimPaid } from './insurance.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';
import { decideRefundFailed, decideRefundRetry, decideRefundSucceeded } from './refund.decide';
import { decideSupplierReturnCredited, decideSupplierReturnShipped } from './supplier-return.decide';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('a merchant decision with a partial refund amount', () => {
  const decideWith = (
    s: CaseScenario,
    decision: 'APPROVE' | 'REJECT',
    amount: { amount: number; currency: string },
  ) =>
    s.run(
      (st, c) => decideMerchantDecision(st, { decisionId: 'd-1', decision, refundAmount: amount }, c),
      A.merchant,
    );

  it('is refused in another currency than the case, naming the field, and changes nothing', () => {
    const s = reviewed();
    const before = s.state;
    const error = expectError(
      decideWith(s, 'APPROVE', { amount: 100, currency: 'USD' }),
      'CURRENCY_MISMATCH',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: 'refundAmount.currency' })]);
    expect(error.currentStatus).toBe('PENDING_MERCHANT_REVIEW');
    expect(s.state).toBe(before);
  });

  it('may be the whole amount left, not a fen more', () => {
    expectError(decideWith(reviewed(), 'APPROVE', cny(30001)), 'AMOUNT_EXCEEDS_PAID');
    const s = reviewed();
    expectOk(decideWith(s, 'APPROVE', cny(30000)));
    expect(s.state.status).not.toBe('PENDING_MERCHANT_REVIEW');
  });

  it('is refused with a rejection', () => {
    const error = expectError(decideWith(reviewed(), 'REJECT', cny(100)), 'VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: 'refundAmount' })]);
  });

  it('is refused on an exchange, which refunds no money', () => {
    const s = new CaseScenario(T0);
    expectOk(
      s.open({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', items: [makeCaseItem({ unitPrice: cny(30000) })] }),
    );
    expect(s.state.status).toBe('PENDING_MERCHANT_REVIEW');
    const error = expectError(decideWith(s, 'APPROVE', cny(100)), 'VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: 'refundAmount' })]);
  });
});

describe('internal results that name something the case does not know', () => {
  const inspected = () => {
    const s = approvedPickup({
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ quantity: 2 })],
    });
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'C_DEFECTIVE' }]));
    return s;
  };

  const unknownRefund = 'case-1-refund-9';
  const refundResults: Array<[string, (state: CaseState, ctx: DecideContext) => Decision]> = [
    ['paid', (st, c) => decideRefundSucceeded(st, { refundId: unknownRefund }, c)],
    [
      'failed',
      (st, c) => decideRefundFailed(st, { refundId: unknownRefund, errorCode: 'X', message: 'x' }, c),
    ],
    ['retried', (st, c) => decideRefundRetry(st, { refundId: unknownRefund, reason: 'x' }, c)],
  ];
  it.each(refundResults)('a refund %s that the case never requested', (_label, decideRefund) => {
    const s = inspected();
    const before = s.state;
    expectError(s.run(decideRefund, A.system), 'UNKNOWN_REFERENCE');
    expect(s.state).toBe(before);
  });

  it('a cancelled pickup that was never booked, or booked under another id', () => {
    const s = approvedPickup();
    expectError(
      s.run((st, c) => decidePickupCancelled(st, { bookingId: 'b-1', reason: 'closed' }, c), A.system),
      'UNKNOWN_REFERENCE',
    );
    expectOk(
      s.run(
        (st, c) => decidePickupBooked(st, { bookingId: 'b-1', carrier: 'SF', trackingNumber: 'SF100' }, c),
        A.system,
      ),
    );
    expectError(
      s.run((st, c) => decidePickupCancelled(st, { bookingId: 'b-2', reason: 'closed' }, c), A.system),
      'UNKNOWN_REFERENCE',
    );
    expectOk(
      s.run((st, c) => decidePickupCancelled(st, { bookingId: 'b-1', reason: 'closed' }, c), A.system),
    );
  });

  it('an insurance payout of a claim that was never filed, and a claim the assessment does not call for', () => {
    const s = approvedPickup();
    expectError(
      s.run((st, c) => decideInsuranceClaimPaid(st, { claimId: 'ic-1', amount: cny(1000) }, c), A.system),
      'UNKNOWN_REFERENCE',
    );
    expectError(
      s.run((st, c) => decideInsuranceClaimFiled(st, { claimId: 'ic-1' }, c), A.system),
      'NOT_ALLOWED_IN_STATE',
    );
  });

  it('a supplier batch of another supplier, or a credit note for a batch never shipped', () => {
    const s = inspected();
    expectError(
      s.run(
        (st, c) => decideSupplierReturnShipped(st, { batchId: 'RTV-s-2-1', supplierId: 's-2' }, c),
        A.system,
      ),
      'UNKNOWN_REFERENCE',
    );
    expectError(
      s.run(
        (st, c) => decideSupplierReturnCredited(st, { batchId: 'RTV-s-1-1', creditNoteId: 'cn-1' }, c),
        A.system,
      ),
      'UNKNOWN_REFERENCE',
    );
    expectOk(
      s.run(
        (st, c) => decideSupplierReturnShipped(st, { batchId: 'RTV-s-1-1', supplierId: 's-1' }, c),
        A.system,
      ),
    );
    expectOk(
      s.run(
        (st, c) => decideSupplierReturnCredited(st, { batchId: 'RTV-s-1-1', creditNoteId: 'cn-1' }, c),
        A.system,
      ),
    );
  });
});
