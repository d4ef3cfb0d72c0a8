import { patched, setHandler } from '@temporalio/workflow';
import { Actor, CaseCommand, decide } from '../libs/domain/src';
import {
  ActionActor,
  CarrierScanInput,
  carrierScanUpdate,
  ReturnShipmentInput,
  returnShipmentUpdate,
  warehouseReceiptUpdate,
} from './after-sales-case.definitions';
import { CaseRun, rejection } from './case-run';
import { bindSelfShipNumber, SHIPMENT_PATCHES } from './tracking-numbers';

/** The domain's actor of an action's caller. */
type ToActor = (actor: ActionActor) => Actor;

/** Refuses at once what the domain refuses on the decided state (a wrong state is a 409, bad input a 400). */
function validate(run: CaseRun, command: CaseCommand, actor: Actor): void {
  const decision = decide(run.decidedState, command, { now: new Date(), actor });
  if (!decision.ok) throw rejection(decision);
}

/** A carrier scan as decided: under the patch it carries when the API received it (else the workflow's clock). */
function scanCommand(input: CarrierScanInput, stamped: boolean): CaseCommand {
  const { actor: _actor, receivedAt, ...scan } = input;
  return {
    type: 'CARRIER_SCAN',
    data: stamped ? { ...scan, receivedAt: receivedAt ?? new Date().toISOString() } : scan,
  };
}

/**
 * A self-shipped return: decided, its tracking number bound to the case (one open case per number),
 * then recorded. Registrations of one case take turns, so a second never binds a number the first
 * decision would have refused.
 */
function registerReturnShipment(run: CaseRun, toActor: ToActor): void {
  let turn: Promise<unknown> = Promise.resolve();
  const commandOf = ({ actor: _actor, ...data }: ReturnShipmentInput): CaseCommand => ({
    type: 'REGISTER_RETURN_SHIPMENT',
    data,
  });
  setHandler(
    returnShipmentUpdate,
    async (input) => {
      const command = commandOf(input);
      const actor = toActor(input.actor);
      const registered = turn.then(async () => {
        const decision = decide(run.decidedState, command, { now: new Date(), actor });
        if (!decision.ok) throw rejection(decision);
        if (decision.events.length > 0) await bindSelfShipNumber(run.decidedState, input);
        await run.record(command, actor);
      });
      turn = registered.catch(() => undefined);
      await registered;
      return run.view();
    },
    { validator: (input) => validate(run, commandOf(input), toActor(input.actor)) },
  );
}

/**
 * The carrier's and the warehouse's reports of the return parcel: the self-shipped registration
 * (tracking number bound), carrier scans (decided at the time the API received them) and dock receipts.
 */
export function registerShipmentActions(run: CaseRun, toActor: ToActor): void {
  registerReturnShipment(run, toActor);
  setHandler(
    carrierScanUpdate,
    async (input) => {
      await run.record(scanCommand(input, patched(SHIPMENT_PATCHES.scanReceivedTime)), toActor(input.actor));
      return run.view();
    },
    { validator: (input) => validate(run, scanCommand(input, true), toActor(input.actor)) },
  );
  setHandler(
    warehouseReceiptUpdate,
    async ({ actor, ...data }) => {
      await run.record({ type: 'WAREHOUSE_RECEIPT', data }, toActor(actor));
      return run.view();
    },
    { validator: ({ actor, ...data }) => validate(run, { type: 'WAREHOUSE_RECEIPT', data }, toActor(actor)) },
  );
}
