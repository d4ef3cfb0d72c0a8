import { Injectable } from '@nestjs/common';
import { CaseViewPayload, resolveStepUpdate } from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ListedStepUpdater } from './listed-step.updater';
import type { StepResolveBody } from './ops.schemas';

/** Asks a case's workflow to record a refused step resolved by hand: done outside, or not needed. */
@Injectable()
export class ResolveStepUseCase {
  constructor(private readonly steps: ListedStepUpdater) {}

  /** The case view once the workflow took the resolution; 409 when the step is not listed. */
  execute(
    caller: TokenClaims,
    caseId: string,
    stepKey: string,
    body: StepResolveBody,
  ): Promise<CaseViewPayload> {
    return this.steps.update(caseId, stepKey, (handle, view) =>
      handle.executeUpdate(resolveStepUpdate, {
        args: [
          {
            stepKey,
            outcome: body.outcome,
            ...(body.externalRef === undefined ? {} : { externalRef: body.externalRef }),
            note: body.note,
            actor: { role: caller.role, id: caller.sub },
          },
        ],
        // One resolution per listing: a repeat of the request while the case stands still joins the first.
        updateId: `resolve-step:${stepKey}:v${view.version}`,
      }),
    );
  }
}
