import { randomUUID } from 'node:crypto';
import { makeTestPolicy } from '../../libs/domain/src';
import {
  ApiHarness,
  caseRequest,
  expectStatus,
  identities,
  Identities,
  returnToWarehouse,
  startApi,
} from '../e2e/e2e-support';

// Clocks of an hour: nothing may expire while the warehouse works.
const POLICY = makeTestPolicy({
  allProfiles: {
    clocks: { merchantResponse: 'PT1H', customerShip: 'PT1H', warehouseInspect: 'PT1H' },
  },
});

const photo = (n: number) => `https://photos.example.test/dock-3/${n}.jpg`;

jest.setTimeout(120_000);

describe('POST /v1/cases/{id}/inspection with case lines and photo links', () => {
  let api: ApiHarness;
  let who: Identities;
  let caseId: string;
  let lineIds: string[];

  beforeAll(async () => {
    api = await startApi({ policy: POLICY });
    who = identities();
    const body = await caseRequest(api, who, {}, { lines: [{ sku: 'kettle' }, { sku: 'lid' }] });
    lineIds = (body.lines as Array<{ lineId: string }>).map((line) => line.lineId);
    caseId = expectStatus(await api.call('POST', '/v1/cases', who.customer, body), 201).caseId as string;
    await returnToWarehouse(api, who, caseId);
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const inspection = (items: unknown[]) => ({
    inspectionId: `insp-${randomUUID()}`,
    warehouseId: 'wh-1',
    inspector: 'wang',
    items,
  });
  const goodLines = () => [
    { sku: 'kettle', quantity: 1, grade: 'A_RESELLABLE', lineId: lineIds[0], photos: [photo(1), photo(2)] },
    { sku: 'lid', quantity: 1, grade: 'B_REFURBISH', lineId: lineIds[1], notes: 'scratched' },
  ];

  it.each([
    [
      'a line of another order',
      (lines: Array<Record<string, unknown>>) => (lines[0].lineId = 'o-elsewhere-1'),
      'items.0.lineId',
      400,
    ],
    [
      'a line holding another SKU',
      (lines: Array<Record<string, unknown>>) => (lines[1].lineId = lineIds[0]),
      'items.1.lineId',
      400,
    ],
    [
      'a plain http photo link',
      (lines: Array<Record<string, unknown>>) => (lines[0].photos = ['http://photos.example.test/1.jpg']),
      'items.0.photos.0',
      400,
    ],
    [
      'eleven photos',
      (lines: Array<Record<string, unknown>>) =>
        (lines[0].photos = Array.from({ length: 11 }, (_, n) => photo(n))),
      'items.0.photos',
      400,
    ],
    [
      'a photo link over 2000 characters',
      (lines: Array<Record<string, unknown>>) =>
        (lines[0].photos = [`https://photos.example.test/${'p'.repeat(2000)}`]),
      'items.0.photos.0',
      400,
    ],
  ])('refuses %s with the field named, and records nothing', async (_what, spoil, field, status) => {
    const lines: Array<Record<string, unknown>> = goodLines();
    spoil(lines);
    const answer = await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, inspection(lines));
    expect(answer.status).toBe(status);
    expect(answer.body.error?.details).toContainEqual(expect.objectContaining({ field }));
    const view = expectStatus(await api.call('GET', `/v1/cases/${caseId}`, who.ops));
    expect(view).toMatchObject({ status: 'AWAITING_INSPECTION', inspection: null });
  });

  it('refuses the inspection from anyone but the warehouse (403)', async () => {
    const answer = await api.call(
      'POST',
      `/v1/cases/${caseId}/inspection`,
      who.customer,
      inspection(goodLines()),
    );
    expect(answer.status).toBe(403);
  });

  it("records each unit's line, notes and photos: in the answer, the case view and the event log", async () => {
    const answer = expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, inspection(goodLines())),
    );
    const expected = [
      { sku: 'kettle', quantity: 1, grade: 'A_RESELLABLE', lineId: lineIds[0], photos: [photo(1), photo(2)] },
      { sku: 'lid', quantity: 1, grade: 'B_REFURBISH', lineId: lineIds[1], notes: 'scratched' },
    ];
    expect((answer.inspection as { items: unknown[] }).items).toEqual(
      expected.map((item) => expect.objectContaining(item)),
    );
    const view = expectStatus(await api.call('GET', `/v1/cases/${caseId}`, who.customer));
    expect((view.inspection as { items: unknown[] }).items).toEqual(
      expected.map((item) => expect.objectContaining(item)),
    );
    const events = expectStatus(await api.call('GET', `/v1/cases/${caseId}/events`, who.merchant))
      .items as Array<{
      type: string;
      data: { units?: unknown[] };
    }>;
    const recorded = events.find((event) => event.type === 'INSPECTION_RECORDED');
    expect(recorded?.data.units).toEqual(expected.map((item) => expect.objectContaining(item)));
  });
});
