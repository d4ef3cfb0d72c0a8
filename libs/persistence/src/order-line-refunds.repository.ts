import { DataSource, QueryRunner } from 'typeorm';
import type { Money } from '../../domain/src/money';
import {
  AllowanceConflictError,
  LineMoney,
  ReservationOutcome,
  UnknownOrderLineError,
} from './order-line-allowances.types';
import { inTransaction, queryRows, toSafeNumber } from './sql';

/** Thrown inside a transaction to roll it back with the refusal to answer. */
class Refused extends Error {
  constructor(readonly outcome: ReservationOutcome<Money>) {
    super('refused');
  }
}

/** What happened to a refund's hold: it moved now, or it was already there (a retry), or it is in another state. */
export type RefundHoldTransition = 'MOVED' | 'ALREADY_DONE' | 'NOT_RESERVED';

/**
 * Refund money against order lines, enforced in PostgreSQL: every kind of refund reserves its amount
 * per line when requested (a conditional update: never above what the line paid, counting what is
 * reserved and refunded), is marked paid when paid, or is given back when given up. Idempotent on the
 * refund id: a retry never counts twice.
 */
export class OrderLineRefunds {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reserves `lines` for `refundId` of `caseId`, all of them or none: refused with the first line (in
   * line id order) that cannot take its amount. The same refund again answers `replayed`; the refund id
   * with other amounts throws {@link AllowanceConflictError}.
   */
  async reserveRefund(
    refundId: string,
    caseId: string,
    orderId: string,
    lines: readonly LineMoney[],
  ): Promise<ReservationOutcome<Money>> {
    const sorted = [...lines].sort((a, b) => a.lineId.localeCompare(b.lineId));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, async (tx) => {
        let replayed = true;
        for (const line of sorted) {
          replayed = (await reserveLine(tx, { refundId, caseId, orderId }, line)) && replayed;
        }
        return { reserved: true, replayed };
      });
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The refund was paid (or resolved DONE by ops): its reserved money becomes refunded, on every line. */
  markPaid(refundId: string): Promise<RefundHoldTransition> {
    return this.transition(refundId, 'PAID', 'reserved = reserved - $3, refunded = refunded + $3');
  }

  /** The refund was given up: its reserved money goes back to every line. A paid refund stays paid. */
  giveBack(refundId: string): Promise<RefundHoldTransition> {
    return this.transition(refundId, 'GIVEN_BACK', 'reserved = reserved - $3');
  }

  private async transition(
    refundId: string,
    to: 'PAID' | 'GIVEN_BACK',
    lineChange: string,
  ): Promise<RefundHoldTransition> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, async (tx) => {
        // One statement moves the refund's rows; a concurrent retry waits on their locks and then moves none.
        const moved = await queryRows<{ order_id: string; line_id: string; amount: string }>(
          tx,
          `UPDATE order_line_refund_holds SET status = $2, updated_at = now()
           WHERE refund_id = $1 AND status = 'RESERVED' RETURNING order_id, line_id, amount`,
          [refundId, to],
        );
        for (const row of moved.sort((a, b) => a.line_id.localeCompare(b.line_id))) {
          await tx.query(
            `UPDATE order_line_allowances SET ${lineChange}, updated_at = now()
             WHERE order_id = $1 AND line_id = $2`,
            [row.order_id, row.line_id, toSafeNumber(row.amount)],
          );
        }
        if (moved.length > 0) return 'MOVED';
        const states = await queryRows<{ status: string }>(
          tx,
          `SELECT DISTINCT status FROM order_line_refund_holds WHERE refund_id = $1`,
          [refundId],
        );
        return states.length > 0 && states.every((row) => row.status === to)
          ? 'ALREADY_DONE'
          : 'NOT_RESERVED';
      });
    } finally {
      await runner.release();
    }
  }
}

/** Reserves one line's amount for the refund; true when the refund already held exactly this (a retry). */
async function reserveLine(
  tx: QueryRunner,
  refund: { refundId: string; caseId: string; orderId: string },
  line: LineMoney,
): Promise<boolean> {
  const { refundId, caseId, orderId } = refund;
  const [target] = await queryRows<{ currency: string }>(
    tx,
    `SELECT currency FROM order_line_allowances WHERE order_id = $1 AND line_id = $2`,
    [orderId, line.lineId],
  );
  if (target?.currency !== line.amount.currency) {
    throw new UnknownOrderLineError(
      `order line ${orderId}/${line.lineId} is ${target ? `paid in ${target.currency}` : 'not registered'}`,
    );
  }
  const inserted = await queryRows<{ amount: string }>(
    tx,
    `INSERT INTO order_line_refund_holds (refund_id, order_id, line_id, case_id, amount, status)
     VALUES ($1, $2, $3, $4, $5, 'RESERVED') ON CONFLICT (refund_id, order_id, line_id) DO NOTHING RETURNING amount`,
    [refundId, orderId, line.lineId, caseId, line.amount.amount],
  );
  if (inserted.length === 0) {
    const [existing] = await queryRows<{ amount: string; case_id: string }>(
      tx,
      `SELECT amount, case_id FROM order_line_refund_holds WHERE refund_id = $1 AND order_id = $2 AND line_id = $3`,
      [refundId, orderId, line.lineId],
    );
    if (!existing || toSafeNumber(existing.amount) !== line.amount.amount || existing.case_id !== caseId) {
      throw new AllowanceConflictError(
        `refund ${refundId} already holds another amount of ${orderId}/${line.lineId}`,
      );
    }
    return true;
  }
  const updated = await queryRows<{ reserved: string }>(
    tx,
    `UPDATE order_line_allowances SET reserved = reserved + $3, updated_at = now()
     WHERE order_id = $1 AND line_id = $2 AND reserved + refunded + $3 <= paid RETURNING reserved`,
    [orderId, line.lineId, line.amount.amount],
  );
  if (updated.length === 0) {
    const [row] = await queryRows<{ available: string }>(
      tx,
      `SELECT paid - reserved - refunded AS available FROM order_line_allowances WHERE order_id = $1 AND line_id = $2`,
      [orderId, line.lineId],
    );
    throw new Refused({
      reserved: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      lineId: line.lineId,
      available: { amount: Math.max(0, toSafeNumber(row?.available ?? 0)), currency: line.amount.currency },
    });
  }
  return false;
}
