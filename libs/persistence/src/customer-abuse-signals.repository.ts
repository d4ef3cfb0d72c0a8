import { DataSource } from 'typeorm';
import type { AbuseSignals } from '../../domain/src/abuse-signals';
import { inTransaction, queryRows } from './sql';

/** A case being opened, as its customer's abuse signals count it. */
export interface CaseOpening {
  readonly caseId: string;
  readonly customerId: string;
  readonly refundOnly: boolean;
  /** When the case was requested (the signals count back from here). */
  readonly requestedAt: Date;
}

/** Namespace of the per-customer advisory lock (beside sql.ts's classes). */
const CUSTOMER_LOCK_CLASS = 0x41530010;

/**
 * A customer's abuse signals over a window: cases opened and refund-only cases from the cases opened so
 * far (this one included), bad grades and rulings for the merchant from the event log. One transaction per
 * count, serialised per customer by an advisory transaction lock, that also records the new case: two
 * concurrent requests of one customer each see the other. Idempotent on the case id.
 */
export class CustomerAbuseSignals {
  constructor(private readonly dataSource: DataSource) {}

  /** Records `opening` (once) and counts its customer's signals over `windowMs` back from its time. */
  async recordAndCount(opening: CaseOpening, windowMs: number): Promise<AbuseSignals> {
    const runner = this.dataSource.createQueryRunner();
    const since = new Date(opening.requestedAt.getTime() - windowMs);
    try {
      return await inTransaction(runner, async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
          CUSTOMER_LOCK_CLASS,
          opening.customerId,
        ]);
        await tx.query(
          `INSERT INTO customer_case_requests (case_id, customer_id, refund_only, requested_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
          [opening.caseId, opening.customerId, opening.refundOnly, opening.requestedAt],
        );
        const [opened] = await queryRows<{ cases: number; refund_only: number }>(
          tx,
          `SELECT count(*)::int AS cases, count(*) FILTER (WHERE refund_only)::int AS refund_only
           FROM customer_case_requests WHERE customer_id = $1 AND requested_at >= $2`,
          [opening.customerId, since],
        );
        const [logged] = await queryRows<{ bad_grades: number; rulings_against: number }>(
          tx,
          `WITH customer_streams AS (SELECT case_id AS stream_id FROM customer_case_requests WHERE customer_id = $1)
           SELECT
             coalesce(sum((SELECT coalesce(sum((unit->>'quantity')::int), 0) FROM jsonb_array_elements(e.data->'units') unit
                           WHERE unit->>'grade' IN ('D_CUSTOMER_DAMAGED', 'MISMATCH')))
                      FILTER (WHERE e.type = 'INSPECTION_RECORDED'), 0)::int AS bad_grades,
             count(*) FILTER (WHERE e.type = 'ARBITRATION_RULED' AND e.data->>'ruling' = 'MERCHANT_FAVOR')::int
               AS rulings_against
           FROM case_events e JOIN customer_streams s ON s.stream_id = e.stream_id
           WHERE e.occurred_at >= $2 AND e.type IN ('INSPECTION_RECORDED', 'ARBITRATION_RULED')`,
          [opening.customerId, since],
        );
        return {
          cases: opened?.cases ?? 0,
          refundOnly: opened?.refund_only ?? 0,
          badGrades: logged?.bad_grades ?? 0,
          rulingsAgainst: logged?.rulings_against ?? 0,
        };
      });
    } finally {
      await runner.release();
    }
  }

  /** Forgets a case whose opening was refused after it was counted (its request never reached the log). */
  async forget(caseId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM customer_case_requests WHERE case_id = $1`, [caseId]);
  }
}
