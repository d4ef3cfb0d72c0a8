import { DataSource } from 'typeorm';
import { CaseViewQueries, InvalidCursorError } from '../../libs/persistence/src';
import { makeTestPolicy } from '../../libs/domain/src';
import { openPrivateTestDatabase } from '../persistence/persistence-test-support';
import { ApiHarness, caseRequest, expectStatus, identities, Identities, startApi } from '../e2e/e2e-support';

// Clocks of an hour: the deadlines the list sorts by must not expire during the test.
const POLICY = makeTestPolicy({
  allProfiles: {
    clocks: { merchantResponse: 'PT1H', customerShip: 'PT1H', warehouseInspect: 'PT1H' },
  },
});

interface ListedCase {
  caseId: string;
  deadlines: { merchantRespondBy: string | null };
}

jest.setTimeout(120_000);

describe('GET /v1/cases sorted by a deadline, over HTTP', () => {
  let api: ApiHarness;
  let who: Identities;
  /** Pending cases, in the order they were opened (so by merchantRespondBy). */
  const pending: string[] = [];
  /** An auto-approved case: it never holds merchantRespondBy. */
  let approved: string;

  beforeAll(async () => {
    api = await startApi({ policy: POLICY });
    who = identities();
    for (let index = 0; index < 3; index += 1) {
      const answer = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who));
      pending.push(expectStatus(answer, 201).caseId as string);
    }
    // A no-reason return below the auto-approval limit: approved at once, no merchant clock.
    const cheap = await caseRequest(
      api,
      who,
      { reason: 'NO_REASON' },
      { lines: [{ unitPaid: { amount: 5000, currency: 'CNY' } }] },
    );
    const answer = expectStatus(await api.call('POST', '/v1/cases', who.customer, cheap), 201);
    expect(answer.deadlines).toMatchObject({ merchantRespondBy: null });
    approved = answer.caseId as string;
  });

  afterAll(async () => {
    await api?.stack.stop();
  });

  /** Every page of `query` (two a page) as `caller`, in order. */
  const listAll = async (caller: Identities['customer'], query: string) => {
    const items: ListedCase[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const answer = expectStatus(await api.call('GET', `/v1/cases?${query}&limit=2${suffix}`, caller));
      items.push(...(answer.items as ListedCase[]));
      cursor = answer.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    return items;
  };

  it('lists a merchant its cases by the time left to answer, cases without that clock last', async () => {
    const listed = await listAll(who.merchant, 'sort=merchantRespondBy');
    expect(listed.map((item) => item.caseId)).toEqual([...pending, approved]);
    const deadlines = listed.slice(0, 3).map((item) => Date.parse(item.deadlines.merchantRespondBy ?? ''));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it('reverses the order with order=desc and still puts cases without the deadline last', async () => {
    const listed = await listAll(who.merchant, 'sort=merchantRespondBy&order=desc');
    expect(listed.map((item) => item.caseId)).toEqual([...[...pending].reverse(), approved]);
  });

  it('sorts by createdAt ascending and updatedAt, each case once', async () => {
    const oldestFirst = await listAll(who.ops, `merchantId=${who.merchantId}&sort=createdAt&order=asc`);
    expect(oldestFirst.map((item) => item.caseId)).toEqual([...pending, approved]);
    const byChange = await listAll(who.ops, `merchantId=${who.merchantId}&sort=updatedAt`);
    expect(new Set(byChange.map((item) => item.caseId))).toEqual(new Set([...pending, approved]));
  });

  it("keeps a customer to their own cases under a sort; another customer's filter is 403", async () => {
    const mine = await listAll(who.customer, 'sort=merchantRespondBy');
    expect(mine.map((item) => item.caseId)).toEqual([...pending, approved]);
    const stranger = await listAll(who.otherCustomer, 'sort=merchantRespondBy');
    expect(stranger).toEqual([]);
    const prying = await api.call(
      'GET',
      `/v1/cases?sort=merchantRespondBy&customerId=${who.customerId}`,
      who.otherCustomer,
    );
    expect(prying.status).toBe(403);
  });

  it('refuses an unknown sort or order with 400 naming the field', async () => {
    const badSort = await api.call('GET', '/v1/cases?sort=deadline', who.ops);
    expect(badSort.status).toBe(400);
    expect(badSort.body.error?.details).toEqual([
      expect.objectContaining({ field: 'sort', message: expect.stringContaining('merchantRespondBy') }),
    ]);
    const badOrder = await api.call('GET', '/v1/cases?sort=inspectBy&order=up', who.ops);
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error?.details).toEqual([expect.objectContaining({ field: 'order' })]);
  });

  it('refuses a cursor of another sort (400 naming cursor) instead of paging from the wrong place', async () => {
    const first = expectStatus(
      await api.call('GET', `/v1/cases?merchantId=${who.merchantId}&sort=merchantRespondBy&limit=1`, who.ops),
    );
    const cursor = encodeURIComponent(first.nextCursor as string);
    const mixed = await api.call('GET', `/v1/cases?merchantId=${who.merchantId}&cursor=${cursor}`, who.ops);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error?.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});

// A database of its own: rows written by hand, with equal deadlines, which real cases never share.
describe('the case list under a deadline sort, ties and missing deadlines', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let queries: CaseViewQueries<{ caseId: string }>;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 5, 10, minute)).toISOString();

  beforeAll(async () => {
    database = await openPrivateTestDatabase('case_sort');
    dataSource = database.dataSource;
    queries = new CaseViewQueries(dataSource);
    // c1..c7: c2, c4 and c6 share a deadline; c3 and c7 hold none.
    const deadlines: Array<string | null> = [at(30), at(20), null, at(20), at(10), at(20), null];
    for (const [index, deadline] of deadlines.entries()) {
      const caseId = `c${index + 1}`;
      const view = { caseId, deadlines: { merchantRespondBy: deadline } };
      await dataSource.query(
        `INSERT INTO case_views (case_id, status, merchant_id, customer_id, type, version, view, created_at, updated_at)
         VALUES ($1, 'PENDING_MERCHANT_REVIEW', 'm', 'c', 'RETURN_REFUND', 1, $2::jsonb, $3, $3)`,
        [caseId, JSON.stringify(view), at(index)],
      );
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  const pages = async (order: 'asc' | 'desc', limit: number) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queries.list({ sort: 'merchantRespondBy', order, limit, cursor });
      ids.push(...page.items.map((item) => item.caseId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  it.each([1, 2, 3, 7])(
    'pages %i at a time in deadline order, ties by case id, no case twice',
    async (limit) => {
      expect(await pages('asc', limit)).toEqual(['c5', 'c2', 'c4', 'c6', 'c1', 'c3', 'c7']);
      expect(await pages('desc', limit)).toEqual(['c1', 'c6', 'c4', 'c2', 'c5', 'c7', 'c3']);
    },
  );

  it('orders by the generated deadline column, which an index serves', async () => {
    const runner = dataSource.createQueryRunner();
    let plan: unknown;
    try {
      await runner.query('SET enable_seqscan = off');
      plan = await runner.query(
        `EXPLAIN SELECT case_id FROM case_views WHERE merchant_id = 'm'
         ORDER BY COALESCE(merchant_respond_by, 'infinity'::timestamptz), case_id LIMIT 5`,
      );
      await runner.query('RESET enable_seqscan');
    } finally {
      await runner.release();
    }
    expect(JSON.stringify(plan)).toContain('case_views_merchant_id_merchant_respond_by_idx');
  });

  it('refuses a cursor of the same sort in the other order', async () => {
    const first = await queries.list({ sort: 'merchantRespondBy', order: 'asc', limit: 1 });
    await expect(
      queries.list({ sort: 'merchantRespondBy', order: 'desc', cursor: first.nextCursor ?? '' }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
