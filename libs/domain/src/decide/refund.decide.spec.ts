import { TEST_ACTORS as A } from '../case.scenario.testing';
import { toCaseView } from '../case.view';
import { decideClockExpired } from './clock-expired.decide';
import {
  DAY,
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  inspect,
  payAllRefunds,
} from './decide-scenario.testing';
import { decideRefundFailed, decideRefundRetry } from './refund.decide';

describe('refunds', () => {
  it('flags the case as stuck when the refund is not paid 7 days after inspection, and retries with the same key', () => {
    const s = approvedPickup();
    deliverToWarehouse(s);
    expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]));
    const refundId = s.state.refunds[0].refundId;
    expectOk(
      s.run(
        (st, c) => decideRefundFailed(st, { refundId, errorCode: 'ACCOUNT_CLOSED', message: 'closed' }, c),
        A.system,
      ),
    );
    s.after(7 * DAY);
    expectOk(s.run((st, c) => decideClockExpired(st, { clock: 'REFUND_AFTER_INSPECTION' }, c), A.system));
    expect(toCaseView(s.state).flags.map((flag) => flag.kind)).toEqual(['REFUND_FAILED', 'SLA_BREACHED']);
    expectOk(s.run((st, c) => decideRefundRetry(st, { refundId, reason: 'account fixed' }, c), A.ops));
    expect(s.state.refunds).toEqual([
      expect.objectContaining({ refundId, idempotencyKey: 'case-1:refund:1', status: 'PENDING' }),
    ]);
    payAllRefunds(s);
    expect(s.state.status).toBe('COMPLETED');
  });
});
