import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CaseView } from '../../libs/domain/src';
import { deliverReturn, freshRequest, inspect, startCase } from '../support/case-driver';
import { startTestStack, TestStack } from '../support/test-stack';

describe('a case with payload encryption on', () => {
  let stack: TestStack;
  const customer = {
    name: '王小明',
    phone: '13912345678',
    line1: '杭州市西湖区文三路 477 号',
    city: '杭州',
  };

  beforeAll(async () => {
    stack = await startTestStack({
      config: {
        payloadEncryptionKeys: `k-2026:${randomBytes(32).toString('base64')}`,
        payloadEncryptionActiveKey: 'k-2026',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs to the end, and Temporal stores no customer data readable: not in payloads, ids, search attributes or memo', async () => {
    const request = freshRequest({
      customerId: 'c-enc-1',
      pickupAddress: customer,
      description: customer.phone,
    });
    const { handle } = await startCase(stack, request);
    await deliverReturn(handle);
    await inspect(handle, [{ sku: 'sku-1', quantity: 1, grade: 'A_RESELLABLE' }]);
    const done = (await handle.result()) as CaseView;
    expect(done.status).toBe('COMPLETED');

    // A client without the codec sees what the server keeps.
    const raw = new Client({
      connection: stack.temporal.connection,
      namespace: stack.config.temporalNamespace,
    });
    const { history } = await raw.workflowService.getWorkflowExecutionHistory({
      namespace: stack.config.temporalNamespace,
      execution: { workflowId: handle.workflowId },
    });
    const stored = Buffer.from(temporal.api.history.v1.History.encode(history ?? {}).finish());
    expect(stored.length).toBeGreaterThan(1000);
    const description = await raw.workflow.getHandle(handle.workflowId).describe();
    const visible = JSON.stringify({
      workflowId: description.workflowId,
      searchAttributes: description.searchAttributes,
      memo: await description.memo,
    });
    for (const secret of [customer.name, customer.phone, customer.line1, request.customerId]) {
      expect({ secret, inHistory: stored.includes(Buffer.from(secret)) }).toEqual({
        secret,
        inHistory: false,
      });
      expect(visible).not.toContain(secret);
    }
    // The workflow's input is there all the same, encrypted under the active key.
    const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    const metadata = started?.input?.payloads?.[0]?.metadata ?? {};
    expect(Buffer.from(metadata['encryption-key-id'] ?? []).toString()).toBe('k-2026');
  });
});
