import { TEST_ACTORS as A } from '../case.scenario.testing';
import { decideClockExpired } from './clock-expired.decide';
import { DAY, approvedPickup, deliverToWarehouse, expectOk, inspect } from './decide-scenario.testing';
import { decideRepairCompleted, decideRepairFailed, decideRepairStarted } from './repair.decide';

describe('repairs', () => {
  it('turns a repair into a refund after two failures, or when it takes longer than 30 days', () => {
    const repairing = () => {
      const s = approvedPickup({ type: 'REPAIR', reason: 'QUALITY_ISSUE', customerTier: 'TRUSTED' });
      deliverToWarehouse(s);
      expectOk(inspect(s, [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }]));
      expect(s.state.status).toBe('REPAIRING');
      return s;
    };
    const twice = repairing();
    for (const repairId of ['rep-1', 'rep-2']) {
      expectOk(twice.run((st, c) => decideRepairStarted(st, { repairId }, c), A.system));
      expectOk(twice.run((st, c) => decideRepairFailed(st, { repairId, reason: 'no fix' }, c), A.system));
    }
    expect(twice.state).toMatchObject({ status: 'REFUNDING', repair: { status: 'CONVERTED', failures: 2 } });

    const slow = repairing();
    expectOk(slow.run((st, c) => decideRepairStarted(st, { repairId: 'rep-1' }, c), A.system));
    slow.after(30 * DAY);
    expectOk(
      slow.run(
        (st, c) => decideClockExpired(st, { clock: 'REPAIR_DURATION', convertTo: 'EXCHANGE' }, c),
        A.system,
      ),
    );
    expect(slow.state.status).toBe('REPLACING');

    const fixed = repairing();
    expectOk(fixed.run((st, c) => decideRepairStarted(st, { repairId: 'rep-1' }, c), A.system));
    expectOk(fixed.run((st, c) => decideRepairCompleted(st, { repairId: 'rep-1' }, c), A.system));
    expect(fixed.state).toMatchObject({ status: 'COMPLETED', resolution: 'REPAIR' });
  });
});
