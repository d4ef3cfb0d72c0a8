import { TEST_ACTORS as A } from '../case.scenario.testing';
import {
  HOUR,
  approvedPickup,
  deliverToWarehouse,
  expectOk,
  inspect,
  payAllRefunds,
} from './decide-scenario.testing';
import {
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
} from './replacement.decide';

describe('replacements', () => {
  it('ships a replacement for an exchange, or refunds when there is no stock', () => {
    const exchange = () => {
      const s = approvedPickup({ type: 'EXCHANGE', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
      deliverToWarehouse(s);
      expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
      expect(s.state.status).toBe('REPLACING');
      expect(s.state.deadlines.replacementShipBy).toBe(new Date(s.now.getTime() + 72 * HOUR).toISOString());
      return s;
    };
    const shipped = exchange();
    expectOk(
      shipped.run((st, c) => decideReplacementReserved(st, { reservationIds: ['res-1'] }, c), A.system),
    );
    expectOk(
      shipped.run(
        (st, c) => decideReplacementShipped(st, { carrier: 'SF', trackingNumber: 'SF200' }, c),
        A.system,
      ),
    );
    expect(shipped.state).toMatchObject({ status: 'COMPLETED', resolution: 'REPLACEMENT' });

    const noStock = exchange();
    expectOk(
      noStock.run((st, c) => decideReplacementUnavailable(st, { reason: 'out of stock' }, c), A.system),
    );
    expect(noStock.state.status).toBe('REFUNDING');
    expect(noStock.state.refunds[0].amount.amount).toBe(12999);
    payAllRefunds(noStock);
    expect(noStock.state).toMatchObject({ status: 'COMPLETED', resolution: 'REFUND' });
  });
});
