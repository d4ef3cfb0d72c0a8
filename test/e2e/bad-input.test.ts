import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ApiHarness, caseIdOf, caseRequest, identities, Identities, startApi } from './e2e-support';

type Body = Record<string, unknown>;
type Mutation = (body: Body) => void;

/** The first line to mutate (a throwaway one when an earlier mutation removed the lines). */
const firstLine = (body: Body): Body => {
  const lines = body.lines;
  if (!Array.isArray(lines) || typeof lines[0] !== 'object' || lines[0] === null) return {};
  return lines[0] as Body;
};

/** Values that are never a valid identifier. */
const badIdentifier = fc.oneof(
  fc.constant(''),
  fc.constant(' leading-space'),
  fc.constant('a'.repeat(129)),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
);

/** Values that are never a valid amount of minor units (at least 1). */
const badAmount = fc.oneof(
  fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)),
  fc.integer({ max: 0 }),
  fc.constant('100'),
  fc.constant(null),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
);

/** Values that are never an ISO 8601 timestamp with a zone. */
const badTimestamp = fc.oneof(
  fc.constant('yesterday'),
  fc.constant('2026-13-01T00:00:00Z'),
  fc.constant('2026-11-01 10:00:00'),
  fc.constant('2026-11-01T10:00:00'),
  fc.integer(),
  fc.constant(null),
);

/** A string that is no member of the enumerations. */
const badEnum = fc.oneof(
  fc.string().filter((value) => !/^[A-Z_]+$/.test(value)),
  fc.constantFrom('return_refund', 'NOPE', 'PHOTOS', ''),
  fc.integer(),
);

/** The fields contract v1.1 takes from the order system: stating any of them is a 400 naming it. */
const STATED_FACTS = [
  'items',
  'unitPrice',
  'paidAt',
  'deliveredAt',
  'customerTier',
  'currentUnitPrice',
  'merchantId',
  'customerId',
] as const;

/** Each mutation makes a valid request (contract v1.1) invalid on its own. */
const requestMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom('requestId', 'orderId', 'type', 'reason', 'lines', 'returnMethod').map(
    (key): Mutation =>
      (body) =>
        void delete body[key],
  ),
  fc.tuple(fc.constantFrom('requestId', 'orderId'), badIdentifier).map(
    ([key, value]): Mutation =>
      (body) =>
        void (body[key] = value),
  ),
  fc.tuple(fc.constantFrom('type', 'reason', 'returnMethod'), badEnum).map(
    ([key, value]): Mutation =>
      (body) =>
        void (body[key] = value),
  ),
  fc.tuple(fc.constantFrom(...STATED_FACTS), fc.jsonValue()).map(
    ([key, value]): Mutation =>
      (body) =>
        void (body[key] = value),
  ),
  fc.constant<Mutation>((body) => void (body.lines = [])),
  fc.oneof(fc.constant(null), fc.constant('line-1'), fc.constant({})).map(
    (value): Mutation =>
      (body) =>
        void (body.lines = value),
  ),
  fc.oneof(fc.integer({ max: 0 }), fc.constant(1.5), fc.constant('1'), fc.constant(null)).map(
    (value): Mutation =>
      (body) =>
        void (firstLine(body).quantity = value),
  ),
  badIdentifier.map(
    (value): Mutation =>
      (body) =>
        void (firstLine(body).lineId = value),
  ),
  fc.constant<Mutation>((body) => void (firstLine(body).unitPrice = { amount: 999999, currency: 'CNY' })),
  fc.constant<Mutation>((body) => void (body.lines = [firstLine(body), { ...firstLine(body) }])),
  fc.constant<Mutation>(
    (body) => void (body.pickupAddress = { name: 'Li', phone: '13800000000', line1: 'x', city: 'y' }),
  ),
  fc.constant<Mutation>((body) => void (body.evidence = [{ kind: 'PHOTO', url: 'javascript:alert(1)' }])),
  fc.constant<Mutation>((body) => void (body.shippingInsurance = true)),
  fc.constant<Mutation>((body) => void (body.description = 'x'.repeat(2001))),
);

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(120_000);

describe('bad input', () => {
  let api: ApiHarness;
  let who: Identities;

  beforeAll(async () => {
    api = await startApi();
    who = identities();
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  const eventsOf = async (caseId: string) =>
    Number(
      (
        await api.stack.runtime.dataSource.query<Array<{ count: string }>>(
          `SELECT count(*) AS count FROM case_events WHERE stream_id = $1`,
          [caseId],
        )
      )[0].count,
    );

  it('refuses each stated order fact by name (400), and opens nothing', async () => {
    const body: Body = await caseRequest(api, who);
    for (const field of STATED_FACTS)
      body[field] = field === 'unitPrice' ? { amount: 999999, currency: 'CNY' } : 'x';
    const answer = await api.call('POST', '/v1/cases', who.customer, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
    const fields = (answer.body.error?.details as Array<{ field: string }>).map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining([...STATED_FACTS]));
    expect((await api.call('GET', `/v1/cases/${caseIdOf(String(body.requestId))}`, who.ops)).status).toBe(
      404,
    );
  });

  it('answers generated invalid case requests with 400 naming fields, and opens nothing', async () => {
    const requestIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(requestMutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const body: Body = await caseRequest(api, who);
        for (const mutate of mutations) mutate(body);
        if (typeof body.requestId === 'string') requestIds.push(body.requestId);
        const answer = await api.call('POST', '/v1/cases', who.customer, body);
        expect(answer.status).toBe(400);
        expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
        expect(answer.body.error?.details?.length).toBeGreaterThan(0);
      }),
      { numRuns: 80 },
    );
    for (const requestId of new Set(requestIds)) {
      const caseId = caseIdOf(requestId);
      expect((await api.call('GET', `/v1/cases/${caseId}`, who.ops)).status).toBe(404);
      expect(await eventsOf(caseId)).toBe(0);
    }
  });

  it('never answers 500 to any JSON at all, and opens nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const answer = await api.call('POST', '/v1/cases', who.customer, body);
        expect(answer.status).toBe(400);
      }),
      { numRuns: 60 },
    );
    const mine = await api.call('GET', `/v1/cases?customerId=${who.customerId}`, who.customer);
    expect(mine).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('answers a malformed JSON body with 400 in the error shape', async () => {
    const response = await fetch(`${api.url}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token(who.customer)}`, 'content-type': 'application/json' },
      body: '{"requestId": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeDefined();
  });

  describe('amounts too large for the money arithmetic: 400 naming the field, never 500', () => {
    /** A price every system takes on its own that, times the largest quantity of a line, passes 2^53. */
    const HUGE = { amount: 10 ** 12, currency: 'CNY' };

    /** A request on an order of one line of `ordered` units at `HUGE`, asking `requested` of them. */
    async function hugeRequest(ordered: number, requested: number): Promise<Body> {
      const body: Body = await caseRequest(api, who, {}, { lines: [{ quantity: ordered, unitPaid: HUGE }] });
      body.lines = [{ ...firstLine(body), quantity: requested }];
      return body;
    }

    /** The 400 `VALIDATION_FAILED` answer's fields; the request opened no case. */
    async function refusedFields(body: Body): Promise<string[]> {
      const answer = await api.call('POST', '/v1/cases', who.customer, body);
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect((await api.call('GET', `/v1/cases/${caseIdOf(String(body.requestId))}`, who.ops)).status).toBe(
        404,
      );
      return (answer.body.error?.details as Array<{ field: string }>).map((detail) => detail.field);
    }

    it("refuses unitPaid × the requested quantity beyond the largest amount, naming the line's quantity", async () => {
      expect(await refusedFields(await hugeRequest(10_000, 10_000))).toContain('lines.0.quantity');
    });

    it('refuses one unit of an order line whose ordered total is beyond it, naming the line', async () => {
      expect(await refusedFields(await hugeRequest(10_000, 1))).toEqual(['lines.0.lineId']);
    });

    it("answers a merchant's refundAmount beyond what the case can refund with 400 naming it", async () => {
      const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      expect(created.status).toBe(201);
      const answer = await api.call(
        'POST',
        `/v1/cases/${String(created.body.caseId)}/decision`,
        who.merchant,
        {
          decisionId: randomUUID(),
          decision: 'APPROVE',
          refundAmount: { amount: Number.MAX_SAFE_INTEGER, currency: 'CNY' },
        },
      );
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
        status: 400,
        code: 'AMOUNT_EXCEEDS_PAID',
      });
      const fields = (answer.body.error?.details as Array<{ field: string }>).map((detail) => detail.field);
      expect(fields).toEqual(['refundAmount.amount']);
    });
  });

  describe('actions', () => {
    let caseId: string;
    let version: number;

    beforeAll(async () => {
      const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      expect(created.status).toBe(201);
      caseId = created.body.caseId as string;
      version = created.body.version as number;
    });

    const anyBadBody = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), fc.constant({}));

    const actions: Array<{
      name: string;
      path: () => string;
      caller: () => Identities['customer'];
      bad: fc.Arbitrary<unknown>;
    }> = [
      {
        name: 'decision',
        path: () => `/v1/cases/${caseId}/decision`,
        caller: () => who.merchant,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'decisionId' in body)),
          fc.record({ decisionId: fc.constant(randomUUID()), decision: badEnum }),
          fc.record({ decisionId: badIdentifier, decision: fc.constant('APPROVE') }),
          fc.record({
            decisionId: fc.constant(randomUUID()),
            decision: fc.constant('APPROVE'),
            refundAmount: badAmount.map((amount) => ({ amount, currency: 'CNY' })),
          }),
          fc.constant({
            decisionId: 'd-1',
            decision: 'REJECT',
            refundAmount: { amount: 100, currency: 'CNY' },
          }),
        ),
      },
      {
        name: 'cancel',
        path: () => `/v1/cases/${caseId}/cancel`,
        caller: () => who.customer,
        bad: fc.oneof(
          fc.integer(),
          fc.string(),
          fc.record({ note: fc.oneof(fc.integer(), fc.constant('x'.repeat(2001))) }),
        ),
      },
      {
        name: 'return-shipment',
        path: () => `/v1/cases/${caseId}/return-shipment`,
        caller: () => who.customer,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'trackingNumber' in body)),
          fc.record({ carrier: fc.constant(''), trackingNumber: fc.constant('SF1') }),
          fc.record({ carrier: fc.constant('SF'), trackingNumber: badIdentifier }),
        ),
      },
      {
        name: 'escalate',
        path: () => `/v1/cases/${caseId}/escalate`,
        caller: () => who.customer,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'escalationId' in body)),
          fc.record({ escalationId: fc.constant('e-1'), note: fc.constant('') }),
          fc.record({ escalationId: badIdentifier, note: fc.constant('why') }),
        ),
      },
      {
        name: 'arbitration',
        path: () => `/v1/cases/${caseId}/arbitration`,
        caller: () => who.ops,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'rulingId' in body)),
          fc.record({ rulingId: fc.constant('r-1'), ruling: badEnum, note: fc.constant('n') }),
          fc.constant({
            rulingId: 'r-1',
            ruling: 'MERCHANT_FAVOR',
            note: 'n',
            refundAmount: { amount: 1, currency: 'CNY' },
          }),
        ),
      },
      {
        name: 'inspection',
        path: () => `/v1/cases/${caseId}/inspection`,
        caller: () => who.warehouse,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'inspectionId' in body)),
          fc.record({
            inspectionId: fc.constant('i-1'),
            warehouseId: fc.constant('wh-1'),
            inspector: fc.constant('Li'),
            items: fc.oneof(
              fc.constant([]),
              badEnum.map((grade) => [{ sku: 'sku-1', quantity: 1, grade }]),
              fc.constant([{ sku: 'sku-1', quantity: 0, grade: 'A_RESELLABLE' }]),
            ),
          }),
        ),
      },
      {
        name: 'carrier events',
        path: () => '/v1/carrier/events',
        caller: () => who.carrier,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'eventId' in body)),
          fc.record({
            eventId: fc.constant('ev-1'),
            trackingNumber: fc.constant('SF1'),
            event: badEnum,
            occurredAt: fc.constant(new Date().toISOString()),
          }),
          fc.record({
            eventId: fc.constant('ev-1'),
            trackingNumber: fc.constant('SF1'),
            event: fc.constant('DELIVERED'),
            occurredAt: badTimestamp,
          }),
        ),
      },
      {
        name: 'supplier credit',
        path: () => '/v1/supplier-returns/RTV-s-1-1/credit',
        caller: () => who.ops,
        bad: fc.oneof(
          anyBadBody.filter((body) => !(body && typeof body === 'object' && 'creditNoteId' in body)),
          fc.record({ creditNoteId: badIdentifier, amount: fc.constant({ amount: 1, currency: 'CNY' }) }),
          fc.record({
            creditNoteId: fc.constant('cn-1'),
            amount: badAmount.map((amount) => ({ amount, currency: 'CNY' })),
          }),
        ),
      },
    ];

    it.each(actions)(
      'answers generated invalid $name bodies with 400 and changes nothing',
      async (action) => {
        await fc.assert(
          fc.asyncProperty(action.bad, async (body) => {
            const answer = await api.call('POST', action.path(), action.caller(), body);
            expect({ body, status: answer.status }).toEqual({ body, status: 400 });
          }),
          { numRuns: 30 },
        );
        const view = await api.call('GET', `/v1/cases/${caseId}`, who.ops);
        expect(view.body).toMatchObject({ status: 'PENDING_MERCHANT_REVIEW', version });
        expect(await eventsOf(caseId)).toBe(version);
      },
    );
  });
});
