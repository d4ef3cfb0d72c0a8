import { awaitInsurancePayoutStep } from './await-insurance-payout.step';
import { awaitRepairResultStep } from './await-repair-result.step';
import { awaitSupplierBatchStep } from './await-supplier-batch.step';
import { bookPickupStep } from './book-pickup.step';
import { callRefundStep } from './call-refund.step';
import { cancelPickupStep } from './cancel-pickup.step';
import { fileInsuranceClaimStep } from './file-insurance-claim.step';
import { reserveReplacementStep } from './reserve-replacement.step';
import { sendSupplierReturnStep } from './send-supplier-return.step';
import { shipReplacementStep } from './ship-replacement.step';
import { startRepairStep } from './start-repair.step';
import { StepHandlers } from './step-handler';

/** The handler of every system step the domain's `nextSteps` can ask for. */
export const SYSTEM_STEPS: StepHandlers = {
  BOOK_PICKUP: bookPickupStep,
  CANCEL_PICKUP: cancelPickupStep,
  FILE_INSURANCE_CLAIM: fileInsuranceClaimStep,
  AWAIT_INSURANCE_PAYOUT: awaitInsurancePayoutStep,
  CALL_REFUND: callRefundStep,
  RESERVE_REPLACEMENT: reserveReplacementStep,
  SHIP_REPLACEMENT: shipReplacementStep,
  START_REPAIR: startRepairStep,
  AWAIT_REPAIR_RESULT: awaitRepairResultStep,
  SEND_SUPPLIER_RETURN: sendSupplierReturnStep,
  AWAIT_SUPPLIER_BATCH: awaitSupplierBatchStep,
};
