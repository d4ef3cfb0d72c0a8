import { DataSource, QueryRunner } from 'typeorm';
import { inTransaction, pgError, queryRows, toSafeNumber } from './sql';
import {
  AllowanceConflictError,
  LineUnits,
  OrderLineRegistration,
  ReservationOutcome,
  StoredLineAllowance,
  UnknownOrderLineError,
} from './order-line-allowances.types';

interface AllowanceRow {
  line_id: string;
  sku: string;
  currency: string;
  ordered: number;
  paid: string;
  held: number;
  returned: number;
  reserved: string;
  refunded: string;
}

interface UnitHoldRow {
  line_id: string;
  held: number;
  consumed: number;
  released: number;
}

/** SQLSTATE of a reference to a line that was never registered. */
const FOREIGN_KEY_VIOLATION = '23503';

/** Thrown inside a transaction to roll it back with the refusal to answer. */
class Refused extends Error {
  constructor(readonly outcome: ReservationOutcome<number>) {
    super('refused');
  }
}

/**
 * The units of order lines held by cases, enforced in PostgreSQL: every change is a conditional update
 * of the line's row in one transaction (concurrent reservations from any number of processes queue on
 * the row lock and re-check the condition), and idempotent on (caseId, lineId), so an activity retry
 * never counts twice.
 */
export class OrderLineAllowances {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an order's lines as the order system reported them; lines already known are left as they are. */
  async registerLines(orderId: string, lines: readonly OrderLineRegistration[]): Promise<void> {
    await this.withRunner(async (runner) => {
      for (const line of lines) {
        await runner.query(
          `INSERT INTO order_line_allowances (order_id, line_id, sku, currency, ordered, paid)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, line_id) DO NOTHING`,
          [orderId, line.lineId, line.sku, line.unitPaid.currency, line.quantity, paidTotal(line)],
        );
      }
    });
  }

  /**
   * Holds `lines` for `caseId`, all of them or none: refused with the first line (in line id order) that
   * has fewer units left than asked. Repeating the same reservation answers `replayed`; the same case
   * asking other units of a line throws {@link AllowanceConflictError}.
   */
  async reserveUnits(
    caseId: string,
    orderId: string,
    lines: readonly LineUnits[],
  ): Promise<ReservationOutcome<number>> {
    const sorted = [...lines].sort((a, b) => a.lineId.localeCompare(b.lineId));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await inTransaction(runner, async (tx) => {
        let replayed = true;
        for (const line of sorted) replayed = (await reserveLine(tx, caseId, orderId, line)) && replayed;
        return { reserved: true, replayed };
      });
    } catch (error) {
      if (error instanceof Refused) return error.outcome;
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Ends whatever `caseId` still holds on every line: consumed for good (`CONSUME`, a refunded case) or
   * given back (`RELEASE`). Idempotent: a second call finds nothing left to move.
   */
  async endCaseUnits(caseId: string, outcome: 'CONSUME' | 'RELEASE'): Promise<void> {
    await this.inTransaction(async (tx) => {
      const holds = await queryRows<UnitHoldRow & { order_id: string }>(
        tx,
        `SELECT order_id, line_id, held, consumed, released FROM order_line_unit_holds
         WHERE case_id = $1 ORDER BY order_id, line_id FOR UPDATE`,
        [caseId],
      );
      for (const hold of holds) {
        const left = hold.held - hold.consumed - hold.released;
        if (left === 0) continue;
        const consumed = hold.consumed + (outcome === 'CONSUME' ? left : 0);
        const released = hold.released + (outcome === 'RELEASE' ? left : 0);
        await moveUnits(tx, caseId, hold.order_id, hold, { consumed, released });
      }
    });
  }

  /**
   * Sets what `caseId` has consumed and given back of one line so far, as totals (so a retry is a no-op):
   * e.g. units sent back after a refused grade are released while the rest stays held. Totals never go
   * down nor above what the case holds ({@link AllowanceConflictError}).
   */
  async settleUnits(
    caseId: string,
    orderId: string,
    lineId: string,
    totals: { consumed: number; released: number },
  ): Promise<void> {
    await this.inTransaction(async (tx) => {
      const [hold] = await queryRows<UnitHoldRow>(
        tx,
        `SELECT line_id, held, consumed, released FROM order_line_unit_holds
         WHERE case_id = $1 AND order_id = $2 AND line_id = $3 FOR UPDATE`,
        [caseId, orderId, lineId],
      );
      if (!hold) throw new UnknownOrderLineError(`case ${caseId} holds nothing of ${orderId}/${lineId}`);
      await moveUnits(tx, caseId, orderId, hold, totals);
    });
  }

  /** The order's lines with what each still allows, in line id order (empty for an order nobody asked about). */
  async readOrder(orderId: string): Promise<StoredLineAllowance[]> {
    const rows = await this.withRunner((runner) =>
      queryRows<AllowanceRow>(
        runner,
        `SELECT line_id, sku, currency, ordered, paid, held, returned, reserved, refunded
         FROM order_line_allowances WHERE order_id = $1 ORDER BY line_id`,
        [orderId],
      ),
    );
    return rows.map(toStoredLineAllowance);
  }

  private async inTransaction<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.withRunner((runner) => inTransaction(runner, work));
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

/** Holds one line for the case; true when the case already held exactly these units (a retry). */
async function reserveLine(
  tx: QueryRunner,
  caseId: string,
  orderId: string,
  line: LineUnits,
): Promise<boolean> {
  // A concurrent retry of the same case waits here on the primary key until the first one ends.
  const inserted = await queryRows<{ held: number }>(
    tx,
    `INSERT INTO order_line_unit_holds (case_id, order_id, line_id, held) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, order_id, line_id) DO NOTHING RETURNING held`,
    [caseId, orderId, line.lineId, line.quantity],
  ).catch((error: unknown) => {
    throw pgError(error)?.code === FOREIGN_KEY_VIOLATION
      ? new UnknownOrderLineError(`order line ${orderId}/${line.lineId} is not registered`)
      : error;
  });
  if (inserted.length === 0) {
    const [existing] = await queryRows<{ held: number }>(
      tx,
      `SELECT held FROM order_line_unit_holds WHERE case_id = $1 AND order_id = $2 AND line_id = $3`,
      [caseId, orderId, line.lineId],
    );
    if (existing?.held !== line.quantity) {
      throw new AllowanceConflictError(
        `case ${caseId} already holds ${existing?.held} of ${orderId}/${line.lineId}, not ${line.quantity}`,
      );
    }
    return true;
  }
  const updated = await queryRows<{ held: number }>(
    tx,
    `UPDATE order_line_allowances SET held = held + $3, updated_at = now()
     WHERE order_id = $1 AND line_id = $2 AND held + returned + $3 <= ordered RETURNING held`,
    [orderId, line.lineId, line.quantity],
  );
  if (updated.length === 0) {
    const [row] = await queryRows<{ available: number }>(
      tx,
      `SELECT ordered - held - returned AS available FROM order_line_allowances WHERE order_id = $1 AND line_id = $2`,
      [orderId, line.lineId],
    );
    throw new Refused({
      reserved: false,
      code: 'LINE_ALLOWANCE_EXCEEDED',
      lineId: line.lineId,
      available: Math.max(0, row?.available ?? 0),
    });
  }
  return false;
}

/** Moves a case's units of one line to the new consumed/released totals, and the line's counters with them. */
async function moveUnits(
  tx: QueryRunner,
  caseId: string,
  orderId: string,
  hold: UnitHoldRow,
  totals: { consumed: number; released: number },
): Promise<void> {
  const consumedNow = totals.consumed - hold.consumed;
  const releasedNow = totals.released - hold.released;
  if (consumedNow < 0 || releasedNow < 0 || totals.consumed + totals.released > hold.held) {
    throw new AllowanceConflictError(
      `case ${caseId} on ${orderId}/${hold.line_id}: ${totals.consumed} consumed and ${totals.released} released ` +
        `do not follow ${hold.consumed} and ${hold.released} of ${hold.held} held`,
    );
  }
  if (consumedNow === 0 && releasedNow === 0) return;
  await tx.query(
    `UPDATE order_line_unit_holds SET consumed = $4, released = $5
     WHERE case_id = $1 AND order_id = $2 AND line_id = $3`,
    [caseId, orderId, hold.line_id, totals.consumed, totals.released],
  );
  await tx.query(
    `UPDATE order_line_allowances
     SET held = held - $3 - $4, returned = returned + $3, updated_at = now()
     WHERE order_id = $1 AND line_id = $2`,
    [orderId, hold.line_id, consumedNow, releasedNow],
  );
}

function paidTotal(line: OrderLineRegistration): number {
  const paid = line.unitPaid.amount * line.quantity;
  if (!Number.isSafeInteger(paid)) {
    throw new RangeError(`line ${line.lineId}: ${line.unitPaid.amount} x ${line.quantity} overflows`);
  }
  return paid;
}

function toStoredLineAllowance(row: AllowanceRow): StoredLineAllowance {
  const money = (amount: string | number) => ({ amount: toSafeNumber(amount), currency: row.currency });
  const paid = toSafeNumber(row.paid);
  const reserved = toSafeNumber(row.reserved);
  const refunded = toSafeNumber(row.refunded);
  return {
    lineId: row.line_id,
    sku: row.sku,
    ordered: row.ordered,
    heldByOpenCases: row.held,
    returned: row.returned,
    returnable: row.ordered - row.held - row.returned,
    paid: money(paid),
    reserved: money(reserved),
    refunded: money(refunded),
    refundable: money(paid - reserved - refunded),
  };
}
