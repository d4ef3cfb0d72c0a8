import { CaseItem, CaseView, Grade, makeCaseItem, Money, PolicyClocks } from '../../../libs/domain/src';
import { inspectionUpdate } from '../../../workflows/after-sales-case.definitions';
import { actors, freshRequest } from '../../support/case-driver';
import { CasePlan, CaseStep, onOrder, policyWith, scanStep } from './case-plans';

/** Opened by a scenario when it is ready for the steps it guards (e.g. once a fault is set). */
export interface Gate {
  open: boolean;
}

const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

/** An item of its own price that goes back to no supplier, so no supplier batch holds the case open. */
function itemWithoutSupplier(overrides: Partial<CaseItem>): CaseItem {
  const { supplierId: _none, ...item } = makeCaseItem(overrides);
  return item;
}

/** The warehouse grades the return, once the gate is open. */
export function gatedInspectStep(grade: Grade, gate: Gate): CaseStep {
  return {
    name: `inspect ${grade}`,
    ready: (view) => gate.open && view.status === 'AWAITING_INSPECTION',
    done: (view) => view.inspection !== null,
    act: (handle, caseId) =>
      handle.executeUpdate(inspectionUpdate, {
        updateId: `${caseId}:inspection`,
        args: [
          {
            actor: actors.warehouse,
            inspectionId: `${caseId}:i`,
            warehouseId: 'wh-1',
            inspector: 'qa-1',
            items: [{ sku: 'sku-1', quantity: 1, grade }],
          },
        ],
      }),
  };
}

/**
 * A trusted customer's quality exchange (auto-approved), picked up and delivered; graded C_DEFECTIVE once
 * the gate opens, so the warehouse is asked to reserve the replacement: completed when it ships, no refund.
 */
export function exchangePlan(n: number, gate: Gate): CasePlan {
  return onOrder({
    kind: 'exchange',
    request: freshRequest({
      type: 'EXCHANGE',
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [itemWithoutSupplier({ unitPrice: cny(20_000 + n * 113) })],
    }),
    policy: policyWith(),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED'), gatedInspectStep('C_DEFECTIVE', gate)],
    expected: { status: 'COMPLETED', refund: null },
  });
}

/**
 * A trusted customer's warranty repair of a phone (auto-approved), picked up and delivered; graded
 * C_DEFECTIVE once the gate opens, so the repair centre is asked to open a repair: completed when repaired.
 */
export function repairPlan(n: number, gate: Gate): CasePlan {
  return onOrder({
    kind: 'repair',
    request: freshRequest({
      type: 'REPAIR',
      reason: 'QUALITY_ISSUE',
      customerTier: 'TRUSTED',
      items: [
        itemWithoutSupplier({
          unitPrice: cny(40_000 + n * 117),
          category: 'ELECTRONICS',
          warrantyMonths: 12,
          portable: true,
        }),
      ],
    }),
    policy: policyWith(),
    steps: [scanStep('PICKED_UP'), scanStep('DELIVERED'), gatedInspectStep('C_DEFECTIVE', gate)],
    expected: { status: 'COMPLETED', refund: null },
  });
}

/**
 * A no-reason pickup return whose booking ops never get to (or skip): its ship-by clock (`customerShip`)
 * runs while the step waits in `needsAttention`, and closes the case when it expires.
 */
export function pickupLeftToItsClock(n: number, customerShip: PolicyClocks['customerShip']): CasePlan {
  return onOrder({
    kind: 'pickup-left-to-its-clock',
    request: freshRequest({ items: [makeCaseItem({ unitPrice: cny(10_000 + n * 139) })] }),
    policy: policyWith({ customerShip }),
    steps: [],
    expected: { status: 'CLOSED', closedReason: 'RETURN_NOT_SHIPPED', refund: null },
  });
}

/** Whether a case waits for ops: an outside system refused one of its steps. */
export const waitsForOps = (view: CaseView | undefined): boolean => (view?.needsAttention.length ?? 0) > 0;
