import { CaseState } from '../case.state';
import { assertNever } from '../case.types';
import { decideArbitrationRuling } from './arbitration.decide';
import { decideCancel } from './cancel.decide';
import { decideCarrierScan } from './carrier-scan.decide';
import { CaseCommand } from './case-command';
import { decideClockExpired } from './clock-expired.decide';
import { DecideContext, Decision } from './decision';
import { decideEscalate } from './escalation.decide';
import { decideInspection } from './inspection.decide';
import { decideInsuranceClaimFiled, decideInsuranceClaimPaid } from './insurance.decide';
import { decideMerchantDecision } from './merchant-decision.decide';
import { decideOpsAction } from './ops-action.decide';
import { decidePickupBooked, decidePickupCancelled } from './pickup.decide';
import { decideRefundFailed, decideRefundSucceeded } from './refund.decide';
import { decideRepairCompleted, decideRepairFailed, decideRepairStarted } from './repair.decide';
import {
  decideReplacementReserved,
  decideReplacementShipped,
  decideReplacementUnavailable,
} from './replacement.decide';
import { decideRequestCase } from './request.decide';
import { decideRegisterReturnShipment } from './return-shipment.decide';
import {
  decideListedRefundRetry,
  decideStepRefused,
  decideStepResolve,
  decideStepRetry,
} from './step-attention.decide';
import { decideSupplierReturnCredited, decideSupplierReturnShipped } from './supplier-return.decide';
import { decideWarehouseReceipt } from './warehouse-receipt.decide';

/** Decides any command of a case: routes it to its rule, which answers the events to append or a coded error. */
export function decide(state: CaseState, command: CaseCommand, context: DecideContext): Decision {
  switch (command.type) {
    case 'REQUEST_CASE':
      return decideRequestCase(state, command.data, context);
    case 'MERCHANT_DECISION':
      return decideMerchantDecision(state, command.data, context);
    case 'CANCEL':
      return decideCancel(state, command.data, context);
    case 'REGISTER_RETURN_SHIPMENT':
      return decideRegisterReturnShipment(state, command.data, context);
    case 'ESCALATE':
      return decideEscalate(state, command.data, context);
    case 'ARBITRATION_RULING':
      return decideArbitrationRuling(state, command.data, context);
    case 'CARRIER_SCAN':
      return decideCarrierScan(state, command.data, context);
    case 'WAREHOUSE_RECEIPT':
      return decideWarehouseReceipt(state, command.data, context);
    case 'INSPECTION':
      return decideInspection(state, command.data, context);
    case 'OPS_RETRY_REFUND':
      return decideListedRefundRetry(state, command.data, context);
    case 'OPS_ACTION':
      return decideOpsAction(state, command.data, context);
    case 'OPS_RETRY_STEP':
      return decideStepRetry(state, command.data, context);
    case 'OPS_RESOLVE_STEP':
      return decideStepResolve(state, command.data, context);
    case 'CLOCK_EXPIRED':
      return decideClockExpired(state, command.data, context);
    case 'PICKUP_BOOKED':
      return decidePickupBooked(state, command.data, context);
    case 'PICKUP_CANCELLED':
      return decidePickupCancelled(state, command.data, context);
    case 'INSURANCE_CLAIM_FILED':
      return decideInsuranceClaimFiled(state, command.data, context);
    case 'INSURANCE_CLAIM_PAID':
      return decideInsuranceClaimPaid(state, command.data, context);
    case 'REFUND_SUCCEEDED':
      return decideRefundSucceeded(state, command.data, context);
    case 'REFUND_FAILED':
      return decideRefundFailed(state, command.data, context);
    case 'REPLACEMENT_RESERVED':
      return decideReplacementReserved(state, command.data, context);
    case 'REPLACEMENT_SHIPPED':
      return decideReplacementShipped(state, command.data, context);
    case 'REPLACEMENT_UNAVAILABLE':
      return decideReplacementUnavailable(state, command.data, context);
    case 'REPAIR_STARTED':
      return decideRepairStarted(state, command.data, context);
    case 'REPAIR_FAILED':
      return decideRepairFailed(state, command.data, context);
    case 'REPAIR_COMPLETED':
      return decideRepairCompleted(state, command.data, context);
    case 'SUPPLIER_RETURN_SHIPPED':
      return decideSupplierReturnShipped(state, command.data, context);
    case 'SUPPLIER_RETURN_CREDITED':
      return decideSupplierReturnCredited(state, command.data, context);
    case 'STEP_REFUSED':
      return decideStepRefused(state, command.data, context);
    default:
      return assertNever(command, 'command');
  }
}
