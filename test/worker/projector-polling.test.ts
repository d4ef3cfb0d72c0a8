import { CaseView } from '../../libs/domain/src';
import { Projector, serviceQualityProjection } from '../../libs/persistence/src';
import { deliverReturn, freshRequest, inspect, startCase } from '../support/case-driver';
import { eventually } from '../support/eventually';
import { startTestStack, TestStack } from '../support/test-stack';

describe('worker process: async read models', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('projects the service-quality figures from the log without anyone asking for them', async () => {
    const { caseId, handle } = await startCase(stack, freshRequest());
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');

    const [last] = (await stack.runtime.dataSource.query(
      `SELECT transaction_id::text AS tx, global_position::int AS position FROM case_events
       WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1`,
      [caseId],
    )) as Array<{ tx: string; position: number }>;
    // Only reads the checkpoint: the worker's own projector must have moved it past the case's last
    // event, in the projector's (transaction id, global position) order.
    const reader = new Projector(stack.runtime.dataSource, serviceQualityProjection);
    await eventually(async () => {
      const checkpoint = await reader.checkpoint();
      const tx = BigInt(checkpoint.transactionId);
      const passed =
        tx > BigInt(last.tx) || (tx === BigInt(last.tx) && checkpoint.globalPosition >= last.position);
      expect({ checkpoint, passed }).toMatchObject({ passed: true });
    }, 20_000);
  });
});
