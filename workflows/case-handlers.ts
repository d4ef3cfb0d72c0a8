import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  Actor,
  ActorRole,
  CaseState,
  CaseView,
  decideArbitrationRuling,
  decideCancel,
  decideCarrierScan,
  decideEscalate,
  decideInspection,
  decideMerchantDecision,
  decideOpsAction,
  decideRefundRetry,
  decideRegisterReturnShipment,
  decideSupplierReturnCredited,
  decideSupplierReturnShipped,
  Decision,
} from '../libs/domain/src';
import {
  ActionActor,
  arbitrationUpdate,
  cancelCaseUpdate,
  carrierScanUpdate,
  escalateUpdate,
  inspectionUpdate,
  merchantDecisionUpdate,
  opsActionUpdate,
  retryRefundUpdate,
  returnShipmentUpdate,
  SupplierReturnUpdate,
} from './after-sales-case.definitions';
import { CaseRun, DecideStep, rejection } from './case-run';
import { supplierIdOfBatch } from './supplier-returns.definitions';

/** The actor of supplier-return progress reported by the supplier's batching workflow. */
export const SUPPLIER_ACTOR: Actor = { role: 'supplier', id: 'supplier-returns' };

/** The domain's actor of an action's caller. */
export function actorOf(actor: ActionActor): Actor {
  return { role: actor.role as ActorRole, id: actor.id };
}

/** The outside world's actions: validated synchronously (a wrong state is refused at once), then recorded. */
export function registerActions(run: CaseRun): void {
  const action = <B>(
    update: UpdateDefinition<CaseView, [B & { actor: ActionActor }]>,
    decide: (state: CaseState, body: B, at: { now: Date; actor: Actor }) => Decision,
  ) => {
    const split = (input: B & { actor: ActionActor }) => {
      const { actor, ...body } = input;
      return { actor: actorOf(actor), body: body as unknown as B };
    };
    setHandler(
      update,
      async (input) => {
        const { actor, body } = split(input);
        await run.record((state, at) => decide(state, body, at), actor);
        return run.view();
      },
      {
        validator: (input) => {
          const { actor, body } = split(input);
          const decision = decide(run.decidedState, body, { now: new Date(), actor });
          if (!decision.ok) throw rejection(decision);
        },
      },
    );
  };
  action(merchantDecisionUpdate, decideMerchantDecision);
  action(cancelCaseUpdate, decideCancel);
  action(returnShipmentUpdate, decideRegisterReturnShipment);
  action(escalateUpdate, decideEscalate);
  action(arbitrationUpdate, decideArbitrationRuling);
  action(carrierScanUpdate, decideCarrierScan);
  action(inspectionUpdate, decideInspection);
  action(opsActionUpdate, decideOpsAction);
  action(retryRefundUpdate, decideRefundRetry);
}

/** The decision a supplier's batching workflow reports: the case's units shipped, or their credit note came. */
export function supplierReturnDecision(update: SupplierReturnUpdate): DecideStep {
  return update.status === 'SHIPPED'
    ? (state, at) =>
        decideSupplierReturnShipped(
          state,
          { batchId: update.batchId, supplierId: supplierIdOfBatch(update.batchId) },
          at,
        )
    : (state, at) =>
        decideSupplierReturnCredited(
          state,
          { batchId: update.batchId, creditNoteId: update.creditNoteId ?? '' },
          at,
        );
}
