import { log } from '@temporalio/workflow';
import { CaseState } from '../libs/domain/src';
import { notices } from './case-activities';
import { messageOf } from './step-failures';

/** Tells the customer each status the case reaches; a notice never holds the case up. */
export class CustomerNotices {
  /** Notices under way (a failure is logged, not thrown). */
  private readonly sent: Array<Promise<void>> = [];
  /** The status the customer was last told about. */
  private toldStatus: string | null = null;

  constructor(private readonly caseId: string) {}

  /** Sends a notice of the case's status, unless the customer was told about this status last. */
  tell({ status, version }: CaseState): void {
    if (status === null || status === this.toldStatus) return;
    this.toldStatus = status;
    const notice = notices.notifyCustomer({
      caseId: this.caseId,
      idempotencyKey: `${this.caseId}:notice:${version}`,
      template: `CASE_${status}`,
      data: { status, version },
    });
    this.sent.push(
      notice.then(
        () => undefined,
        (error: unknown) => log.warn('customer notice given up', { status, error: messageOf(error) }),
      ),
    );
  }

  /** Resolves once every notice sent so far is delivered or given up. */
  async allSettled(): Promise<void> {
    await Promise.all(this.sent);
  }
}
