import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Actor, ActorRole, CaseCommand, CaseCommandOf, CaseView, decide } from '../libs/domain/src';
import {
  ActionActor,
  arbitrationUpdate,
  cancelCaseUpdate,
  escalateUpdate,
  inspectionUpdate,
  merchantDecisionUpdate,
  opsActionUpdate,
  retryRefundUpdate,
  SupplierReturnUpdate,
} from './after-sales-case.definitions';
import { CaseRun, rejection } from './case-run';
import { registerShipmentActions } from './shipment.handlers';
import { registerStepAttention } from './step-attention.handlers';
import { supplierIdOfBatch } from './supplier-returns.definitions';

/** The actor of supplier-return progress reported by the supplier's batching workflow. */
export const SUPPLIER_ACTOR: Actor = { role: 'supplier', id: 'supplier-returns' };

/** The domain's actor of an action's caller. */
export function actorOf(actor: ActionActor): Actor {
  return { role: actor.role as ActorRole, id: actor.id };
}

/** The outside world's actions: validated synchronously (a wrong state is refused at once), then recorded. */
export function registerActions(run: CaseRun): void {
  const action = <T extends CaseCommand['type'], B extends CaseCommandOf<T>['data'] & { actor: ActionActor }>(
    update: UpdateDefinition<CaseView, [B]>,
    type: T,
  ) => {
    const split = (input: B) => {
      const { actor, ...data } = input;
      return { actor: actorOf(actor), command: { type, data } as unknown as CaseCommand };
    };
    setHandler(
      update,
      async (input) => {
        const { actor, command } = split(input);
        await run.record(command, actor);
        return run.view();
      },
      {
        validator: (input) => {
          const { actor, command } = split(input);
          const decision = decide(run.decidedState, command, { now: new Date(), actor });
          if (!decision.ok) throw rejection(decision);
        },
      },
    );
  };
  action(merchantDecisionUpdate, 'MERCHANT_DECISION');
  action(cancelCaseUpdate, 'CANCEL');
  action(escalateUpdate, 'ESCALATE');
  action(arbitrationUpdate, 'ARBITRATION_RULING');
  action(inspectionUpdate, 'INSPECTION');
  registerShipmentActions(run, actorOf);
  action(opsActionUpdate, 'OPS_ACTION');
  action(retryRefundUpdate, 'OPS_RETRY_REFUND');
  registerStepAttention(run, actorOf);
}

/** The command a supplier's batching workflow reports: the case's units shipped, or their credit note came. */
export function supplierReturnCommand(update: SupplierReturnUpdate): CaseCommand {
  return update.status === 'SHIPPED'
    ? {
        type: 'SUPPLIER_RETURN_SHIPPED',
        data: { batchId: update.batchId, supplierId: supplierIdOfBatch(update.batchId) },
      }
    : {
        type: 'SUPPLIER_RETURN_CREDITED',
        data: { batchId: update.batchId, creditNoteId: update.creditNoteId ?? '' },
      };
}
