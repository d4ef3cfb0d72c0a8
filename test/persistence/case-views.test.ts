import { DataSource } from 'typeorm';
import {
  CaseViewQueries,
  EventStore,
  InvalidCursorError,
  InvalidQueryError,
  WrongExpectedVersionError,
} from '../../libs/persistence/src';
import {
  openPrivateTestDatabase,
  plainEvent,
  testCaseMoved,
  testCaseOpened,
  TestCaseView,
  testCaseViewProjection,
  uniqueId,
} from './persistence-test-support';

// A database of its own: these views come from a test projection, and the shared database's
// case_views must hold only real case views (a rebuild elsewhere compares them with the log).
describe('inline case views and the case list', () => {
  let database: Awaited<ReturnType<typeof openPrivateTestDatabase>>;
  let dataSource: DataSource;
  let store: EventStore;
  let queries: CaseViewQueries<TestCaseView>;

  beforeAll(async () => {
    database = await openPrivateTestDatabase('case_views');
    dataSource = database.dataSource;
    store = new EventStore(dataSource, { inlineProjections: [testCaseViewProjection] });
    queries = new CaseViewQueries<TestCaseView>(dataSource);
  });

  afterAll(async () => {
    await database.drop();
  });

  const at = (minute: number) => new Date(Date.UTC(2026, 10, 5, 10, minute)).toISOString();

  it('updates the case view in the same transaction as the append', async () => {
    const caseId = uniqueId('case-inline');
    const fields = {
      merchantId: 'm-inline',
      customerId: 'c-inline',
      type: 'RETURN_REFUND',
      status: 'PENDING',
    };
    await store.append({
      streamId: caseId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [testCaseOpened(fields, at(0))],
    });
    expect(await queries.getById(caseId)).toMatchObject({ status: 'PENDING', version: 1, createdAt: at(0) });

    await store.append({
      streamId: caseId,
      expectedVersion: 1,
      commandId: uniqueId('cmd'),
      events: [testCaseMoved('APPROVED', 'ok', at(5)), testCaseMoved('REFUNDING', 'paying', at(6))],
    });
    expect(await queries.getById(caseId)).toMatchObject({
      status: 'REFUNDING',
      version: 3,
      notes: ['ok', 'paying'],
      updatedAt: at(6),
    });

    // A refused append changes neither the log nor the view.
    await expect(
      store.append({
        streamId: caseId,
        expectedVersion: 1,
        commandId: uniqueId('cmd'),
        events: [testCaseMoved('CLOSED', 'late', at(7))],
      }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await queries.getById(caseId)).toMatchObject({ status: 'REFUNDING', version: 3 });
    const [row] = await dataSource.query(
      `SELECT status, version, merchant_id FROM case_views WHERE case_id = $1`,
      [caseId],
    );
    expect(row).toEqual({ status: 'REFUNDING', version: 3, merchant_id: 'm-inline' });
  });

  it('gives no view to a stream the projection does not accept, and null for an unknown case', async () => {
    const streamId = uniqueId('not-a-case');
    await store.append({
      streamId,
      expectedVersion: 0,
      commandId: uniqueId('cmd'),
      events: [plainEvent('A')],
    });
    await store.append({
      streamId,
      expectedVersion: 1,
      commandId: uniqueId('cmd'),
      events: [plainEvent('B')],
    });
    expect(await queries.getById(streamId)).toBeNull();
    expect(await queries.getById(uniqueId('unknown'))).toBeNull();
  });

  it('lists cases newest first by filters, page by page with an opaque cursor', async () => {
    const merchant = uniqueId('m-list');
    const other = uniqueId('m-list-other');
    const opened: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const caseId = `${merchant}-case-${index}`;
      opened.push(caseId);
      await store.append({
        streamId: caseId,
        expectedVersion: 0,
        commandId: uniqueId('cmd'),
        events: [
          testCaseOpened(
            {
              merchantId: index === 6 ? other : merchant,
              customerId: index % 2 === 0 ? 'c-even' : 'c-odd',
              type: index < 3 ? 'EXCHANGE' : 'RETURN_REFUND',
              status: index === 1 ? 'COMPLETED' : 'PENDING',
            },
            // Cases 3 and 4 share a timestamp: the case id breaks the tie, so no row is lost or repeated.
            at(20 + (index === 4 ? 3 : index)),
          ),
        ],
      });
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queries.list({ merchantId: merchant, limit: 2, cursor });
      seen.push(...page.items.map((view) => view.caseId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    const newestFirst = opened.slice(0, 6).sort((a, b) => {
      const minute = (id: string) => (id.endsWith('-4') ? 3 : Number(id.slice(-1)));
      return minute(b) - minute(a) || (b < a ? -1 : 1);
    });
    expect(seen).toEqual(newestFirst);

    const exchangesOfEvenCustomer = await queries.list({
      merchantId: merchant,
      type: 'EXCHANGE',
      customerId: 'c-even',
    });
    expect(exchangesOfEvenCustomer.items.map((view) => view.caseId)).toEqual([opened[2], opened[0]]);
    expect(exchangesOfEvenCustomer.nextCursor).toBeNull();
    const completed = await queries.list({ merchantId: merchant, status: 'COMPLETED' });
    expect(completed.items.map((view) => view.caseId)).toEqual([opened[1]]);
    const ofOther = await queries.list({ merchantId: other });
    expect(ofOther.items.map((view) => view.caseId)).toEqual([opened[6]]);
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    await expect(queries.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    const forged = Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000000Z', 'x'])).toString('base64url');
    await expect(queries.list({ cursor: forged })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    await expect(queries.list({ limit: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(queries.list({ limit: 101 })).rejects.toMatchObject({
      code: 'INVALID_QUERY',
      field: 'limit',
    });
  });
});
