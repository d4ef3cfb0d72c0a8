import { DataSource, QueryRunner } from 'typeorm';
import { queryRows } from './sql';

/** The outcome of binding a tracking number: bound to this case (now or before), or held by another open case. */
export type TrackingBindOutcome =
  | { readonly bound: true; readonly replayed: boolean }
  | { readonly bound: false; readonly code: 'TRACKING_NUMBER_IN_USE'; readonly heldByCaseId: string };

/**
 * Tracking numbers bound to at most one open case each, enforced by a unique partial index (never a
 * check-then-insert): two cases binding one number at the same time get one `bound` and one
 * `TRACKING_NUMBER_IN_USE`. A case's numbers are released when it closes, and may then be bound again.
 */
export class TrackingNumbers {
  constructor(private readonly dataSource: DataSource) {}

  /** Binds `trackingNumber` to `caseId` (a pickup's or a self-shipped return's); idempotent for the same case. */
  async bind(trackingNumber: string, caseId: string, carrier: string): Promise<TrackingBindOutcome> {
    return this.withRunner(async (runner) => {
      // A holder may release between our insert and our look-up: then the next round binds.
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await queryRows<{ id: string }>(
          runner,
          `INSERT INTO tracking_numbers (tracking_number, case_id, carrier) VALUES ($1, $2, $3)
           ON CONFLICT (tracking_number) WHERE released_at IS NULL DO NOTHING RETURNING id`,
          [trackingNumber, caseId, carrier],
        );
        if (inserted.length > 0) return { bound: true, replayed: false };
        const holder = await openHolder(runner, trackingNumber);
        if (holder === caseId) return { bound: true, replayed: true };
        if (holder !== undefined)
          return { bound: false, code: 'TRACKING_NUMBER_IN_USE', heldByCaseId: holder };
      }
      throw new Error(`tracking number ${trackingNumber} kept changing hands while being bound`);
    });
  }

  /** The open case holding `trackingNumber`, if any. */
  async openCaseOf(trackingNumber: string): Promise<string | undefined> {
    return this.withRunner((runner) => openHolder(runner, trackingNumber));
  }

  /** Releases every number `caseId` holds (the case closed or changed its shipment); idempotent. */
  async releaseCase(caseId: string): Promise<number> {
    return this.withRunner(async (runner) => {
      const released = await queryRows<{ id: string }>(
        runner,
        `UPDATE tracking_numbers SET released_at = now() WHERE case_id = $1 AND released_at IS NULL RETURNING id`,
        [caseId],
      );
      return released.length;
    });
  }

  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  }
}

async function openHolder(runner: QueryRunner, trackingNumber: string): Promise<string | undefined> {
  const [row] = await queryRows<{ case_id: string }>(
    runner,
    `SELECT case_id FROM tracking_numbers WHERE tracking_number = $1 AND released_at IS NULL`,
    [trackingNumber],
  );
  return row?.case_id;
}
