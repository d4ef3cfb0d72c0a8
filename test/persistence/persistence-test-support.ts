import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CaseViewProjection, initDatabase, NewEvent, StoredEvent } from '../../libs/persistence/src';

/** A migrated DataSource on the run's database (DATABASE_URL, set by the global setup). */
export async function openTestDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through the integration project of jest');
  return initDatabase(url, { poolSize: 6, applicationName: 'aftersales-persistence-tests' });
}

/** An id no other test file (or run) uses, so files can share one database. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** An event of a type no projection knows, for tests of the store alone. */
export function plainEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    type: `test.${type}`,
    schemaVersion: 1,
    occurredAt: new Date('2026-11-05T10:00:00.000Z'),
    actor: { kind: 'TEST' },
    data,
  };
}

/** Resolves when `check` returns a value other than undefined; retries for up to `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A migrated database of its own (on DATABASE_URL's server), for tests that swap whole tables. */
export async function openPrivateTestDatabase(label: string): Promise<{
  dataSource: DataSource;
  url: string;
  drop: () => Promise<void>;
}> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set: run through the integration project of jest');
  const name = `${new URL(baseUrl).pathname.slice(1)}_${label}_${randomUUID().slice(0, 8)}`.replace(
    /[^a-z0-9_]/g,
    '_',
  );
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataSource = await initDatabase(url.toString(), { poolSize: 6 });
  return {
    dataSource,
    url: url.toString(),
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const cleaner = new Client({ connectionString: baseUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

/** The view of the test case projection. */
export interface TestCaseView {
  caseId: string;
  status: string;
  merchantId: string;
  customerId: string;
  type: string;
  notes: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Opens a test case: the first event of a stream the test projections give a view. */
export function testCaseOpened(
  fields: { merchantId: string; customerId: string; type: string; status: string },
  occurredAt: string,
): NewEvent {
  return { type: 'test.case.Opened', schemaVersion: 1, occurredAt, actor: { kind: 'TEST' }, data: fields };
}

/** Moves a test case to `status`, with a note. */
export function testCaseMoved(status: string, note: string, occurredAt: string): NewEvent {
  return {
    type: 'test.case.Moved',
    schemaVersion: 1,
    occurredAt,
    actor: { kind: 'TEST' },
    data: { status, note },
  };
}

/** The test cases' fold step (what libs/domain's evolve is to real cases). */
export function evolveTestCase(view: TestCaseView | null, event: StoredEvent): TestCaseView {
  const data = event.data as Partial<TestCaseView> & { note?: string };
  if (event.type === 'test.case.Opened') {
    return {
      caseId: event.streamId,
      status: data.status ?? '',
      merchantId: data.merchantId ?? '',
      customerId: data.customerId ?? '',
      type: data.type ?? '',
      notes: [],
      version: event.seq,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (!view) throw new Error(`${event.eventId}: a test case must be opened first`);
  return {
    ...view,
    status: data.status ?? view.status,
    notes: data.note ? [...view.notes, data.note] : view.notes,
    version: event.seq,
    updatedAt: event.occurredAt,
  };
}

/** An incremental inline projection of test cases (advances the stored view by the new events). */
export const testCaseViewProjection = new CaseViewProjection<TestCaseView>({
  name: 'test-case-view',
  acceptsStream: (first) => first.type === 'test.case.Opened',
  apply: (current, events) => {
    const view = events.reduce<TestCaseView | null>(evolveTestCase, current);
    if (!view) throw new Error('no events');
    return view;
  },
  columns: (view) => ({
    status: view.status,
    merchantId: view.merchantId,
    customerId: view.customerId,
    type: view.type,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  }),
});
