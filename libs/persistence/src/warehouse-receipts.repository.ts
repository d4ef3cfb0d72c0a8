import { DataSource, QueryRunner } from 'typeorm';
import { queryRows, toIsoString } from './sql';

/** A parcel scanned at a warehouse dock. */
export interface WarehouseReceipt {
  readonly receiptId: string;
  readonly warehouseId: string;
  readonly trackingNumber: string;
  /** The open case that held the tracking number when the parcel arrived; null when none did (unmatched). */
  readonly caseId: string | null;
  /** When the API received the scan (the service's clock, never the warehouse's). */
  readonly receivedAt: string;
}

/** What recording a receipt did: the receipt as stored, and whether it was stored before (a repeated id). */
export interface RecordedReceipt {
  readonly receipt: WarehouseReceipt;
  readonly replayed: boolean;
}

interface ReceiptRow {
  receipt_id: string;
  warehouse_id: string;
  tracking_number: string;
  case_id: string | null;
  received_at: Date | string;
}

const COLUMNS = 'receipt_id, warehouse_id, tracking_number, case_id, received_at';

/**
 * Every parcel received at a dock, matched in the same statement to the open case holding its tracking
 * number (`tracking_numbers`), or kept unmatched for ops. Idempotent on the receipt id: a repeat gets the
 * first receipt, matched as it was then.
 */
export class WarehouseReceipts {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the receipt, matching it to the open case that holds its tracking number now. */
  async record(receipt: Omit<WarehouseReceipt, 'caseId'>): Promise<RecordedReceipt> {
    return this.withRunner(async (runner) => {
      const [inserted] = await queryRows<ReceiptRow>(
        runner,
        `INSERT INTO warehouse_receipts (receipt_id, warehouse_id, tracking_number, case_id, received_at)
         SELECT $1, $2, $3,
           (SELECT case_id FROM tracking_numbers WHERE tracking_number = $3 AND released_at IS NULL), $4
         ON CONFLICT (receipt_id) DO NOTHING RETURNING ${COLUMNS}`,
        [receipt.receiptId, receipt.warehouseId, receipt.trackingNumber, receipt.receivedAt],
      );
      if (inserted) return { receipt: toReceipt(inserted), replayed: false };
      const [stored] = await queryRows<ReceiptRow>(
        runner,
        `SELECT ${COLUMNS} FROM warehouse_receipts WHERE receipt_id = $1`,
        [receipt.receiptId],
      );
      if (!stored) throw new Error(`receipt ${receipt.receiptId} vanished`);
      return { receipt: toReceipt(stored), replayed: true };
    });
  }

  /** Receipts that matched no open case, oldest first, after the receipt `afterReceiptId` when given. */
  async listUnmatched(limit = 100, afterReceiptId?: string): Promise<WarehouseReceipt[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError('limit must be 1..1000');
    const rows = await this.withRunner((runner) =>
      queryRows<ReceiptRow>(
        runner,
        `SELECT ${COLUMNS} FROM warehouse_receipts
         WHERE case_id IS NULL AND ($2::text IS NULL OR (received_at, receipt_id) >
           (SELECT received_at, receipt_id FROM warehouse_receipts WHERE receipt_id = $2))
         ORDER BY received_at, receipt_id LIMIT $1`,
        [limit, afterReceiptId ?? null],
      ),
    );
    return rows.map(toReceipt);
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

function toReceipt(row: ReceiptRow): WarehouseReceipt {
  return {
    receiptId: row.receipt_id,
    warehouseId: row.warehouse_id,
    trackingNumber: row.tracking_number,
    caseId: row.case_id,
    receivedAt: toIsoString(row.received_at),
  };
}
