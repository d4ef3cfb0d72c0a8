import { ApiHarness, caseIdOf, caseRequest, identities, Identities, startApi } from './e2e-support';

// Real Temporal, PostgreSQL and clocks of seconds: jest's default 5 s is too short (testTimeout is not per project).
jest.setTimeout(120_000);

describe('cases over HTTP', () => {
  let api: ApiHarness;
  let who: Identities;

  beforeAll(async () => {
    api = await startApi();
    who = identities();
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  describe('POST /v1/cases', () => {
    it('opens a case with 201 and answers once the request is in the event log', async () => {
      const body = await caseRequest(api, who);
      const answer = await api.call('POST', '/v1/cases', who.customer, body);
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        caseId: caseIdOf(body.requestId),
        status: 'PENDING_MERCHANT_REVIEW',
        type: 'RETURN_REFUND',
        merchantId: who.merchantId,
        customerId: who.customerId,
      });
      expect(answer.body.version).toBeGreaterThanOrEqual(1);
      const events = await api.call('GET', `/v1/cases/${answer.body.caseId}/events`, who.customer);
      expect((events.body.items as unknown[]).length).toBeGreaterThanOrEqual(1);
    });

    it('answers a repeated requestId with 200 and the same case, opening nothing new', async () => {
      const body = await caseRequest(api, who);
      const first = await api.call('POST', '/v1/cases', who.customer, body);
      const repeats = await Promise.all(
        [1, 2, 3].map(() => api.call('POST', '/v1/cases', who.customer, body)),
      );
      expect(first.status).toBe(201);
      for (const repeat of repeats) {
        expect(repeat.status).toBe(200);
        expect(repeat.body.caseId).toBe(first.body.caseId);
      }
      const events = await api.call('GET', `/v1/cases/${first.body.caseId}/events`, who.ops);
      const items = events.body.items as Array<{ type: string }>;
      expect(items.filter((event) => event.type === items[0].type)).toHaveLength(1);
    });

    it('opens exactly one case when the same request races itself', async () => {
      const body = await caseRequest(api, who);
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => api.call('POST', '/v1/cases', who.customer, body)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((answer) => answer.body.caseId)).size).toBe(1);
    });

    it('answers 409 IDEMPOTENCY_CONFLICT for a known requestId with another body', async () => {
      const body = await caseRequest(api, who);
      expect((await api.call('POST', '/v1/cases', who.customer, body)).status).toBe(201);
      const changed = { ...body, description: 'something else' };
      const answer = await api.call('POST', '/v1/cases', who.customer, changed);
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('IDEMPOTENCY_CONFLICT');
    });

    it("lets a merchant open a case on its own shop's order only, a customer on their own order only", async () => {
      expect((await api.call('POST', '/v1/cases', who.merchant, await caseRequest(api, who))).status).toBe(
        201,
      );
      for (const caller of [who.otherMerchant, who.otherCustomer]) {
        const body = await caseRequest(api, who);
        const foreign = await api.call('POST', '/v1/cases', caller, body);
        expect(foreign.status).toBe(403);
        expect(foreign.body.error?.code).toBe('FORBIDDEN');
        // Nothing was opened: the request id is still free for the order's owner.
        expect((await api.call('GET', `/v1/cases/${caseIdOf(body.requestId)}`, who.ops)).status).toBe(404);
      }
    });
  });

  describe('GET /v1/cases/{id}', () => {
    it('answers 404 for an unknown case and for an impossible id', async () => {
      for (const id of ['00000000-0000-5000-8000-000000000000', 'no such case', '%00']) {
        const answer = await api.call('GET', `/v1/cases/${encodeURIComponent(id)}`, who.ops);
        expect(answer.status).toBe(404);
        expect(answer.body.error?.code).toBe('NOT_FOUND');
      }
    });

    it('shows the case to its customer, its merchant and ops, and 403 to other customers and merchants', async () => {
      const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      const path = `/v1/cases/${created.body.caseId}`;
      for (const caller of [who.customer, who.merchant, who.ops, who.warehouse]) {
        const answer = await api.call('GET', path, caller);
        expect(answer.status).toBe(200);
        expect(answer.body.caseId).toBe(created.body.caseId);
      }
      for (const caller of [who.otherCustomer, who.otherMerchant]) {
        expect((await api.call('GET', path, caller)).status).toBe(403);
      }
    });
  });

  describe('GET /v1/cases/{id}/events', () => {
    it('lists the domain events in order with seq from 1 without gaps, ending at the view version', async () => {
      const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      const caseId = created.body.caseId as string;
      const answer = await api.call('GET', `/v1/cases/${caseId}/events`, who.customer);
      expect(answer.status).toBe(200);
      const items = answer.body.items as Array<{
        seq: number;
        type: string;
        occurredAt: string;
        actor: unknown;
      }>;
      expect(items.map((event) => event.seq)).toEqual(items.map((_, index) => index + 1));
      for (const event of items) {
        expect(typeof event.type).toBe('string');
        expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
        expect(event).toHaveProperty('actor');
        expect(event).toHaveProperty('data');
      }
      const view = await api.call('GET', `/v1/cases/${caseId}`, who.customer);
      expect(view.body.version).toBe(items.length);
    });
  });

  describe('GET /v1/cases', () => {
    let mine: Identities;
    let opened: string[];

    beforeAll(async () => {
      mine = identities();
      const owners = { merchantId: mine.merchantId, customerId: mine.customerId };
      const requests = [
        { caller: mine.customer, body: await caseRequest(api, mine) },
        { caller: mine.customer, body: await caseRequest(api, mine) },
        { caller: mine.customer, body: await caseRequest(api, mine) },
        {
          caller: mine.customer,
          body: await caseRequest(api, mine, { type: 'EXCHANGE', reason: 'QUALITY_ISSUE' }),
        },
        {
          caller: mine.otherCustomer,
          body: await caseRequest(api, { ...owners, customerId: mine.otherCustomerId }),
        },
        {
          caller: mine.customer,
          body: await caseRequest(api, { ...owners, merchantId: mine.otherMerchantId }),
        },
      ];
      opened = [];
      for (const { caller, body } of requests) {
        const answer = await api.call('POST', '/v1/cases', caller, body);
        expect(answer.status).toBe(201);
        opened.push(answer.body.caseId as string);
      }
    });

    const listAll = async (caller: Identities['customer'], query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer = await api.call(
          'GET',
          `/v1/cases?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          caller,
        );
        expect(answer.status).toBe(200);
        const items = answer.body.items as Array<{ caseId: string }>;
        expect(items.length).toBeLessThanOrEqual(2);
        ids.push(...items.map((item) => item.caseId));
        cursor = answer.body.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 20);
      return ids;
    };

    it("pages a merchant's cases with the cursor, each case once, newest first", async () => {
      const ids = await listAll(mine.merchant, `merchantId=${mine.merchantId}`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(opened.slice(0, 5).sort());
    });

    it('filters by type and status', async () => {
      const exchanges = await listAll(mine.ops, `merchantId=${mine.merchantId}&type=EXCHANGE`);
      expect(exchanges).toEqual([opened[3]]);
      const pending = await listAll(mine.ops, `customerId=${mine.customerId}&status=PENDING_MERCHANT_REVIEW`);
      expect(pending.sort()).toEqual([...opened.slice(0, 4), opened[5]].sort());
      const none = await listAll(mine.ops, `customerId=${mine.customerId}&status=COMPLETED`);
      expect(none).toEqual([]);
    });

    it('forces the owner filter: a customer sees only their own cases, a merchant only theirs', async () => {
      const customerView = await listAll(mine.customer, 'type=RETURN_REFUND');
      expect(customerView.sort()).toEqual([opened[0], opened[1], opened[2], opened[5]].sort());
      const merchantView = await listAll(mine.merchant, 'type=RETURN_REFUND');
      expect(merchantView.sort()).toEqual(opened.slice(0, 3).concat(opened[4]).sort());
      expect(
        (await api.call('GET', `/v1/cases?customerId=${mine.otherCustomerId}`, mine.customer)).status,
      ).toBe(403);
      expect(
        (await api.call('GET', `/v1/cases?merchantId=${mine.otherMerchantId}`, mine.merchant)).status,
      ).toBe(403);
    });

    it('answers 400 naming the field for a bad status, type, limit or cursor', async () => {
      for (const [query, field] of [
        ['status=NOPE', 'status'],
        ['type=NOPE', 'type'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=abc', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        [`cursor=${Buffer.from('["2026-13-45T00:00:00.000000Z","x"]').toString('base64url')}`, 'cursor'],
      ]) {
        const answer = await api.call('GET', `/v1/cases?${query}`, mine.ops);
        expect({ query, status: answer.status }).toEqual({ query, status: 400 });
        expect(answer.body.error?.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });
  });
});
