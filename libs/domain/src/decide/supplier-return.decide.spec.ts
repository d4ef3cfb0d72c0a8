import { nextSteps } from '../case.next-steps';
import { TEST_ACTORS as A } from '../case.scenario.testing';
import { makeCaseItem } from '../case.testing';
import { toCaseView } from '../case.view';
import { approvedPickup, deliverToWarehouse, expectOk, inspect, typesOf } from './decide-scenario.testing';
import { decideSupplierReturnCredited, decideSupplierReturnShipped } from './supplier-return.decide';

describe('supplier returns', () => {
  it('queues C units for their supplier and follows the batch to its credit note', () => {
    const s = approvedPickup({
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [makeCaseItem({ quantity: 2 })],
    });
    deliverToWarehouse(s);
    const decision = expectOk(inspect(s, [{ sku: 'sku-1', quantity: 2, grade: 'C_DEFECTIVE' }]));
    expect(typesOf(decision)).toContain('SUPPLIER_RETURN_QUEUED');
    expect(nextSteps(s.state)).toContainEqual({
      kind: 'SYSTEM',
      step: 'SEND_SUPPLIER_RETURN',
      ref: { supplierId: 's-1' },
    });
    expectOk(s.run((st, c) => decideSupplierReturnShipped(st, { batchId: 'RTV-s-1-1' }, c), A.system));
    expectOk(
      s.run(
        (st, c) => decideSupplierReturnCredited(st, { batchId: 'RTV-s-1-1', creditNoteId: 'cn-1' }, c),
        A.system,
      ),
    );
    expect(toCaseView(s.state).supplierReturn).toEqual({ batchId: 'RTV-s-1-1', status: 'CREDITED' });
  });
});
