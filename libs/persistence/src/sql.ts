import { QueryFailedError, QueryRunner } from 'typeorm';

/** Runs one parameterised statement and returns its rows (also for INSERT/UPDATE ... RETURNING). */
export async function queryRows<TRow>(
  runner: QueryRunner,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<TRow[]> {
  const result = await runner.query(sql, [...parameters], true);
  return (result.records ?? []) as TRow[];
}

/** Runs a function in one transaction on its own connection; rolls back when it throws. */
export async function inTransaction<T>(
  runner: QueryRunner,
  work: (tx: QueryRunner) => Promise<T>,
): Promise<T> {
  await runner.startTransaction();
  try {
    const value = await work(runner);
    await runner.commitTransaction();
    return value;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  }
}

/** The PostgreSQL error fields we branch on, from a TypeORM `QueryFailedError`. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
}

/** The SQLSTATE and constraint of a failed query, or undefined for any other error. */
export function pgError(error: unknown): PgErrorFields | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError: unknown = error.driverError;
  if (typeof driverError !== 'object' || driverError === null) return undefined;
  const { code, constraint } = driverError as { code?: unknown; constraint?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    constraint: typeof constraint === 'string' ? constraint : undefined,
  };
}

/** SQLSTATEs we branch on. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  /** Raised by the append-only trigger of case_events. */
  eventLogImmutable: 'AS001',
} as const;

/** Advisory lock namespaces (first key of the two-int form), so our locks never collide with others'. */
export const ADVISORY_LOCK_CLASS = {
  stream: 0x41530001,
  projector: 0x41530002,
  rebuild: 0x41530003,
} as const;

/** A PostgreSQL timestamptz (a Date from pg) or an ISO string, as an ISO 8601 UTC string. */
export function toIsoString(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** A bigint column (a string from pg) as a JS number; positions stay far below 2^53. */
export function toSafeNumber(value: string | number): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`Not a safe integer: ${value}`);
  return number;
}
