import { randomUUID } from 'node:crypto';
import { makeTestPolicy } from '../../libs/domain/src';
import { eventually } from '../support/eventually';
import { ApiHarness, caseRequest, HttpAnswer, identities, Identities, startApi } from './e2e-support';

interface Batch {
  batchId: string;
  supplierId: string;
  status: string;
  units: Array<{ caseId: string; sku: string }>;
  creditNote?: { creditNoteId: string };
}

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(120_000);

describe('supplier returns over HTTP', () => {
  let api: ApiHarness;
  let who: Identities;
  let caseId: string;
  /** The id of the batch that took the case's unit (`RTV-<supplierId>-1-r<tag>`). */
  let batchId: string;

  beforeAll(async () => {
    // Supplier batches ship after seconds (makeTestPolicy); the case's own clocks stay long.
    api = await startApi({
      policy: makeTestPolicy({
        allProfiles: {
          clocks: {
            merchantResponse: 'PT1H',
            customerShip: 'PT1H',
            warehouseInspect: 'PT1H',
            escalationWindow: 'PT1H',
            refundAfterInspection: 'PT1H',
          },
        },
      }),
    });
    who = identities();
    caseId = await defectiveReturn();
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const ok = (answer: HttpAnswer, status = 200) => {
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
    return answer.body;
  };

  /** A quality return graded C_DEFECTIVE: its unit goes back to the supplier. */
  async function defectiveReturn(): Promise<string> {
    const created = ok(await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who)), 201);
    const id = created.caseId as string;
    ok(
      await api.call('POST', `/v1/cases/${id}/decision`, who.merchant, {
        decisionId: randomUUID(),
        decision: 'APPROVE',
      }),
    );
    const trackingNumber = `ZTO${Date.now()}`;
    ok(
      await api.call('POST', `/v1/cases/${id}/return-shipment`, who.customer, {
        carrier: 'ZTO',
        trackingNumber,
      }),
    );
    for (const event of ['PICKED_UP', 'DELIVERED']) {
      ok(
        await api.call('POST', '/v1/carrier/events', who.carrier, {
          eventId: randomUUID(),
          trackingNumber,
          event,
          occurredAt: new Date().toISOString(),
        }),
      );
    }
    ok(
      await api.call('POST', `/v1/cases/${id}/inspection`, who.warehouse, {
        inspectionId: randomUUID(),
        warehouseId: 'wh-1',
        inspector: 'Li',
        items: [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE' }],
      }),
    );
    return id;
  }

  const batchesOf = async (caller = who.supplier, query = `supplierId=${who.supplierId}`) =>
    ok(await api.call('GET', `/v1/supplier-returns?${query}`, caller)).items as Batch[];

  it('lists the batch with the defective unit once it has shipped, to its supplier and to ops', async () => {
    await eventually(async () => {
      const [batch] = await batchesOf();
      expect(batch).toMatchObject({ status: 'SHIPPED' });
      expect(batch.batchId).toMatch(new RegExp(`^RTV-${who.supplierId}-1-r[0-9a-f]{8}$`));
      expect(batch.units).toEqual([expect.objectContaining({ caseId, sku: 'sku-1' })]);
      batchId = batch.batchId;
    }, 30_000);
    // Without supplierId, ops see every running supplier workflow (Temporal visibility lags a little).
    await eventually(async () => {
      const all = await batchesOf(who.ops, 'status=SHIPPED');
      expect(all.map((batch) => batch.batchId)).toContain(batchId);
      expect(all.every((batch) => batch.status === 'SHIPPED')).toBe(true);
    }, 30_000);
    expect(await batchesOf(who.supplier, `supplierId=${who.supplierId}&status=CREDITED`)).toEqual([]);
    expect(
      (await api.call('GET', `/v1/supplier-returns?supplierId=${who.supplierId}`, who.otherSupplier)).status,
    ).toBe(403);
    expect(await batchesOf(who.ops, 'supplierId=no-such-supplier')).toEqual([]);
  });

  it('records the credit note once, answers a repeat with the same result and refuses a second note', async () => {
    const path = `/v1/supplier-returns/${batchId}/credit`;
    const note = { creditNoteId: `cn-${randomUUID()}`, amount: { amount: 20000, currency: 'CNY' } };
    const credited = ok(await api.call('POST', path, who.supplier, note));
    expect(credited).toMatchObject({ status: 'CREDITED', creditNote: { creditNoteId: note.creditNoteId } });
    expect(ok(await api.call('POST', path, who.supplier, note))).toMatchObject({ status: 'CREDITED' });

    const second = await api.call('POST', path, who.ops, { ...note, creditNoteId: `cn-${randomUUID()}` });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'ALREADY_CREDITED', currentStatus: 'CREDITED' });

    const [batch] = await batchesOf(who.ops, `supplierId=${who.supplierId}&status=CREDITED`);
    expect(batch).toMatchObject({
      batchId,
      creditNote: { creditNoteId: note.creditNoteId },
    });
  });

  it('answers 404 for a batch that is not ours or does not exist', async () => {
    for (const batchId of [
      'not-a-batch',
      `RTV-${who.supplierId}-99`,
      `RTV-${who.supplierId}-1-r00000000`,
      'RTV-nobody-1',
    ]) {
      const answer = await api.call('POST', `/v1/supplier-returns/${batchId}/credit`, who.ops, {
        creditNoteId: 'cn-1',
        amount: { amount: 1, currency: 'CNY' },
      });
      expect({ batchId, status: answer.status }).toEqual({ batchId, status: 404 });
    }
  });
});
