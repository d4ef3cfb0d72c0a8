import { ArbitrationCommand } from './arbitration.decide';
import { CancelCaseCommand } from './cancel.decide';
import { CarrierScanCommand } from './carrier-scan.decide';
import { ClockExpiredCommand } from './clock-expired.decide';
import { EscalateCommand } from './escalation.decide';
import { InspectionCommand } from './inspection.decide';
import { InsuranceClaimFiledCommand, InsuranceClaimPaidCommand } from './insurance.decide';
import { MerchantDecisionCommand } from './merchant-decision.decide';
import { OpsActionCommand } from './ops-action.decide';
import { PickupBookedCommand, PickupCancelledCommand } from './pickup.decide';
import { RefundFailedCommand, RefundRetryCommand, RefundSucceededCommand } from './refund.decide';
import { RepairCompletedCommand, RepairFailedCommand, RepairStartedCommand } from './repair.decide';
import {
  ReplacementReservedCommand,
  ReplacementShippedCommand,
  ReplacementUnavailableCommand,
} from './replacement.decide';
import { RequestCaseCommand } from './request.decide';
import { ReturnShipmentCommand } from './return-shipment.decide';
import { StepRefusedCommand, StepResolveCommand, StepRetryCommand } from './step-attention.decide';
import { SupplierReturnCreditedCommand, SupplierReturnShippedCommand } from './supplier-return.decide';
import { WarehouseReceiptCommand } from './warehouse-receipt.decide';

/** A command of one type with what its rule takes (emmett's `{ type, data }`). */
export interface TypedCommand<T extends string, D> {
  readonly type: T;
  readonly data: D;
}

/** Every command a case decides: one member per rule, carrying what its decide function takes. */
export type CaseCommand =
  // The customer, the merchant, the carrier, the warehouse and ops.
  | TypedCommand<'REQUEST_CASE', RequestCaseCommand>
  | TypedCommand<'MERCHANT_DECISION', MerchantDecisionCommand>
  | TypedCommand<'CANCEL', CancelCaseCommand>
  | TypedCommand<'REGISTER_RETURN_SHIPMENT', ReturnShipmentCommand>
  | TypedCommand<'ESCALATE', EscalateCommand>
  | TypedCommand<'ARBITRATION_RULING', ArbitrationCommand>
  | TypedCommand<'CARRIER_SCAN', CarrierScanCommand>
  | TypedCommand<'WAREHOUSE_RECEIPT', WarehouseReceiptCommand>
  | TypedCommand<'INSPECTION', InspectionCommand>
  | TypedCommand<'OPS_RETRY_REFUND', RefundRetryCommand>
  | TypedCommand<'OPS_ACTION', OpsActionCommand>
  | TypedCommand<'OPS_RETRY_STEP', StepRetryCommand>
  | TypedCommand<'OPS_RESOLVE_STEP', StepResolveCommand>
  // A durable timer.
  | TypedCommand<'CLOCK_EXPIRED', ClockExpiredCommand>
  // The results of the workflow's own steps.
  | TypedCommand<'PICKUP_BOOKED', PickupBookedCommand>
  | TypedCommand<'PICKUP_CANCELLED', PickupCancelledCommand>
  | TypedCommand<'INSURANCE_CLAIM_FILED', InsuranceClaimFiledCommand>
  | TypedCommand<'INSURANCE_CLAIM_PAID', InsuranceClaimPaidCommand>
  | TypedCommand<'REFUND_SUCCEEDED', RefundSucceededCommand>
  | TypedCommand<'REFUND_FAILED', RefundFailedCommand>
  | TypedCommand<'REPLACEMENT_RESERVED', ReplacementReservedCommand>
  | TypedCommand<'REPLACEMENT_SHIPPED', ReplacementShippedCommand>
  | TypedCommand<'REPLACEMENT_UNAVAILABLE', ReplacementUnavailableCommand>
  | TypedCommand<'REPAIR_STARTED', RepairStartedCommand>
  | TypedCommand<'REPAIR_FAILED', RepairFailedCommand>
  | TypedCommand<'REPAIR_COMPLETED', RepairCompletedCommand>
  | TypedCommand<'SUPPLIER_RETURN_SHIPPED', SupplierReturnShippedCommand>
  | TypedCommand<'SUPPLIER_RETURN_CREDITED', SupplierReturnCreditedCommand>
  | TypedCommand<'STEP_REFUSED', StepRefusedCommand>;

/** The type of a case command. */
export type CaseCommandType = CaseCommand['type'];

/** The command of one type. */
export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
