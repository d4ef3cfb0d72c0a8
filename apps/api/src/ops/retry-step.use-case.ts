import { Injectable } from '@nestjs/common';
import { CaseViewPayload, retryStepUpdate } from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ListedStepUpdater } from './listed-step.updater';
import type { StepRetryBody } from './ops.schemas';

/** Asks a case's workflow to run a step an outside system refused again (same idempotency key). */
@Injectable()
export class RetryStepUseCase {
  constructor(private readonly steps: ListedStepUpdater) {}

  /** The case view once the workflow took the retry; 409 when the step is not listed. */
  execute(
    caller: TokenClaims,
    caseId: string,
    stepKey: string,
    body: StepRetryBody,
  ): Promise<CaseViewPayload> {
    return this.steps.update(caseId, stepKey, (handle, view) =>
      handle.executeUpdate(retryStepUpdate, {
        args: [{ stepKey, reason: body.reason, actor: { role: caller.role, id: caller.sub } }],
        // One retry per listing: a repeat of the request while the case stands still joins the first.
        updateId: `retry-step:${stepKey}:${body.retryId ?? `v${view.version}`}`,
      }),
    );
  }
}
