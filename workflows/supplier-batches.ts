import { ApplicationFailure } from '@temporalio/workflow';
import {
  CreditNoteInput,
  SupplierBatch,
  supplierBatchId,
  SupplierReturnsInput,
  SupplierReturnUnit,
} from './supplier-returns.definitions';

/** Credited batches kept in state (and carried over continue-as-new) so recent credits stay visible. */
const CREDITED_BATCHES_KEPT = 20;

/** A supplier's batches as its workflow holds them: the open one, shipped ones awaiting credit, recent credits. */
export class SupplierBatches {
  /** Every batch held, oldest first. */
  readonly all: SupplierBatch[];
  private nextBatchNo: number;
  /** Units already taken in: a unit sent again is not added twice. */
  private readonly seenUnits: Set<string>;

  /** `runTag` goes into every new batch id (none on the released path, whose ids are `RTV-<supplierId>-<n>`). */
  constructor(
    private readonly input: SupplierReturnsInput,
    private readonly runTag: string | undefined = input.runTag,
  ) {
    this.all = input.batches ?? [];
    this.nextBatchNo = input.nextBatchNo ?? 1;
    this.seenUnits = new Set(this.all.flatMap((batch) => batch.units.map((unit) => unit.unitId)));
  }

  /** The batch still collecting units, if there is one. */
  open(): SupplierBatch | undefined {
    return this.all.find((batch) => batch.status === 'OPEN');
  }

  /** Sealed batches not yet shipped (being shipped, or waiting to be shipped again), oldest first. */
  sealed(): SupplierBatch[] {
    return this.all.filter((batch) => batch.status === 'SHIPPING');
  }

  /** Seals the open batch: its units are fixed from now on, and units that arrive go to a new batch. */
  seal(batch: SupplierBatch): void {
    batch.status = 'SHIPPING';
  }

  /** The batch with this id, if the workflow holds it. */
  find(batchId: string): SupplierBatch | undefined {
    return this.all.find((candidate) => candidate.batchId === batchId);
  }

  /** Adds the units not seen before to the open batch, opening one when none is. */
  add(units: readonly SupplierReturnUnit[]): void {
    const fresh = units.filter((unit) => !this.seenUnits.has(unit.unitId));
    if (fresh.length === 0) return;
    let batch = this.open();
    if (!batch) {
      batch = {
        batchId: supplierBatchId(this.input.supplierId, this.nextBatchNo++, this.runTag),
        supplierId: this.input.supplierId,
        status: 'OPEN',
        units: [],
        openedAt: new Date().toISOString(),
      };
      this.all.push(batch);
    }
    for (const unit of fresh) {
      this.seenUnits.add(unit.unitId);
      batch.units.push(unit);
    }
  }

  /** Refuses a credit note for an unknown or open batch, or a second note for a credited one. */
  validateCredit(credit: CreditNoteInput): void {
    const batch = this.find(credit.batchId);
    if (!batch) throw ApplicationFailure.nonRetryable(`unknown batch ${credit.batchId}`, 'NOT_FOUND');
    // A sealed batch may be credited: the supplier's note shows it took the batch, whatever its answer was.
    if (batch.status === 'OPEN') {
      throw ApplicationFailure.nonRetryable(
        `batch ${credit.batchId} has not been shipped`,
        'NOT_ALLOWED_IN_STATE',
        {
          currentStatus: batch.status,
        },
      );
    }
    if (batch.creditNote && batch.creditNote.creditNoteId !== credit.creditNoteId) {
      throw ApplicationFailure.nonRetryable(
        `batch ${credit.batchId} was already credited by ${batch.creditNote.creditNoteId}`,
        'ALREADY_CREDITED',
        { currentStatus: batch.status },
      );
    }
  }

  /** What the workflow carries over when it continues as new: unfinished batches and the latest credits. */
  carryOver(): SupplierReturnsInput {
    const keep = this.all.filter((candidate) => candidate.status !== 'CREDITED');
    const credited = this.all
      .filter((candidate) => candidate.status === 'CREDITED')
      .slice(-CREDITED_BATCHES_KEPT);
    return {
      supplierId: this.input.supplierId,
      policy: this.input.policy,
      nextBatchNo: this.nextBatchNo,
      ...(this.runTag === undefined ? {} : { runTag: this.runTag }),
      batches: [...credited, ...keep],
    };
  }
}
