import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  dataConverterFromEnv,
  ENCODING_ENCRYPTED,
  METADATA_ENCRYPTION_KEY_ID,
  PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR,
  PAYLOAD_ENCRYPTION_KEYS_VAR,
} from '../../libs/codec/src';
import { CustomerContact, customerEchoWorkflow } from './customer-echo.workflow';

describe('payload encryption in a real Temporal history', () => {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = `test-codec-${randomUUID().slice(0, 8)}`;
  const dataConverter = dataConverterFromEnv({
    [PAYLOAD_ENCRYPTION_KEYS_VAR]: `old:${randomBytes(32).toString('base64')},k-test:${randomBytes(32).toString('base64')}`,
    [PAYLOAD_ENCRYPTION_ACTIVE_KEY_VAR]: 'k-test',
  });
  const contact: CustomerContact = {
    name: '李娜',
    phone: '13987654321',
    address: '北京市朝阳区建国路88号 SOHO现代城 5号楼 808',
  };

  let connection: Connection;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    nativeConnection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./customer-echo.workflow'),
      dataConverter,
    });
    running = worker.run();
    connection = await Connection.connect({ address });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
  });

  it('stores the workflow input encrypted under the active key id, and the codec client reads it back', async () => {
    const client = new Client({ connection, namespace, dataConverter });
    const workflowId = `codec-${randomUUID()}`;
    const result = await client.workflow.execute(customerEchoWorkflow, {
      workflowId,
      taskQueue,
      args: [contact],
    });
    expect(result).toEqual(contact);

    // A client without the codec sees what the server stores.
    const rawClient = new Client({ connection, namespace });
    const { history } = await rawClient.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId },
    });
    const events = history?.events ?? [];
    const started = events.find((event) => event.workflowExecutionStartedEventAttributes);
    const completed = events.find((event) => event.workflowExecutionCompletedEventAttributes);
    const [input] = started?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const [output] = completed?.workflowExecutionCompletedEventAttributes?.result?.payloads ?? [];

    for (const payload of [input, output]) {
      expect(payload).toBeDefined();
      const metadata = payload.metadata ?? {};
      expect(Buffer.from(metadata[METADATA_ENCODING_KEY] ?? []).toString()).toBe(ENCODING_ENCRYPTED);
      expect(Buffer.from(metadata[METADATA_ENCRYPTION_KEY_ID] ?? []).toString()).toBe('k-test');
      const data = Buffer.from(payload.data ?? []);
      for (const plaintext of [contact.phone, contact.address, contact.name]) {
        expect(data.includes(Buffer.from(plaintext, 'utf8'))).toBe(false);
      }
    }

    // Without the key, the stored result does not decode to the customer's data.
    await expect(rawClient.workflow.getHandle(workflowId).result()).rejects.toThrow();
  });
});
