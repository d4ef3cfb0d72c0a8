import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { Actor, CaseRequest, LINE_ALLOWANCE_EXCEEDED, profileFor } from '../libs/domain/src';
import type { CaseOpeningHolds } from '../activities/allowance.activities';
import { OpenCaseInput, OpenedCase, openCaseUpdate, StartCaseInput } from './after-sales-case.definitions';
import { allowances, priceProtectionHolds } from './case-line-allowances';
import type { CaseRun } from './case-run';

/** What opening a v1.1 case holds on its order's lines. */
function openingHolds(input: StartCaseInput, requestedAt: string): CaseOpeningHolds {
  const request: CaseRequest = input.request;
  const { profile } = profileFor(input.policy, request.merchantId);
  return {
    caseId: input.caseId,
    orderId: request.orderId,
    customerId: request.customerId,
    refundOnly: request.type === 'REFUND_ONLY',
    requestedAt,
    orderLines: input.orderLines ?? [],
    units:
      request.type === 'PRICE_PROTECTION'
        ? []
        : request.items.map((item) => ({ lineId: item.lineId ?? item.sku, quantity: item.quantity })),
    priceProtection: priceProtectionHolds(request),
    ...(profile.abuse ? { abuseWindow: profile.abuse.window } : {}),
  };
}

/**
 * Opens a v1.1 case: holds its lines' allowances (an activity, its outcome recorded in the history), counts
 * the customer's abuse signals, then records the request; the `openCase` update (sent with the start by
 * `POST /v1/cases`) answers once that is done, or with the refusal, and a refused opening ends the workflow
 * without a case.
 */
export class CaseOpening {
  private outcome: { ok: true } | { ok: false; failure: ApplicationFailure } | undefined;
  private answered = false;

  constructor(
    private readonly input: StartCaseInput,
    private readonly run: CaseRun,
  ) {
    setHandler(openCaseUpdate, (update) => this.answer(update));
  }

  /** Holds the lines, then records the request; rejects (ending the workflow) when either is refused. */
  async open(actor: Actor): Promise<void> {
    const { caseId, request, policy } = this.input;
    const holds = openingHolds(this.input, this.input.requestedAt ?? new Date().toISOString());
    const held = await allowances.openCaseOnLines(holds);
    if (!held.reserved) {
      return this.refuse(
        ApplicationFailure.nonRetryable(held.message, LINE_ALLOWANCE_EXCEEDED, {
          currentStatus: 'NONE',
          details: [{ path: `lines.${held.lineId}`, message: held.message, code: LINE_ALLOWANCE_EXCEEDED }],
        }),
      );
    }
    const abuseSignals = held.abuseSignals ? { abuseSignals: held.abuseSignals } : {};
    try {
      await this.run.record(
        { type: 'REQUEST_CASE', data: { caseId, request, policy, ...abuseSignals } },
        actor,
      );
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) throw error;
      await allowances.cancelCaseOpening({
        caseId,
        giveBack: holds.priceProtection.map((hold) => hold.holdId),
      });
      return this.refuse(error);
    }
    this.outcome = { ok: true };
  }

  private async answer(update: OpenCaseInput): Promise<OpenedCase> {
    if (update.requestFingerprint !== this.input.requestFingerprint) {
      throw ApplicationFailure.nonRetryable(
        `requestId ${this.input.request.requestId} was already used with a different body`,
        'IDEMPOTENCY_CONFLICT',
        { currentStatus: this.run.state.status ?? 'NONE' },
      );
    }
    await condition(() => this.outcome !== undefined);
    if (this.outcome?.ok !== true) throw this.outcome?.failure;
    const opened = !this.answered;
    this.answered = true;
    return { opened, view: this.run.view() };
  }

  private async refuse(failure: ApplicationFailure): Promise<never> {
    this.outcome = { ok: false, failure };
    await condition(allHandlersFinished);
    throw failure;
  }
}
