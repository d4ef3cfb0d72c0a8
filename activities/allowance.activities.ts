import { ApplicationFailure } from '@temporalio/common';
import { AbuseSignals, Money, parseIsoDuration } from '../libs/domain/src';
import {
  AllowanceConflictError,
  CustomerAbuseSignals,
  LineMoney,
  LineUnits,
  OrderLineAllowances,
  OrderLineRefunds,
  OrderLineRegistration,
  UnknownOrderLineError,
} from '../libs/persistence/src';

/** Error type of an allowance call the workflow cannot fix by retrying (an id reused, a line never registered). */
export const ALLOWANCE_REJECTED = 'ALLOWANCE_REJECTED';

/** A price protection's hold on one line, reserved when the case is opened (once per line per catalogue price). */
export interface PriceProtectionHold {
  /** The ledger id: the order, the line and the catalogue price, so a second claim at that price collides. */
  readonly holdId: string;
  readonly lineId: string;
  readonly amount: Money;
}

/** What opening a case holds: the order's lines to register, the units or price protection, the abuse window. */
export interface CaseOpeningHolds {
  readonly caseId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly refundOnly: boolean;
  /** When the case was requested (ISO 8601): the abuse signals count back from here. */
  readonly requestedAt: string;
  readonly orderLines: readonly OrderLineRegistration[];
  readonly units: readonly LineUnits[];
  readonly priceProtection: readonly PriceProtectionHold[];
  /** The profile's abuse window; the signals are counted only when it is set. */
  readonly abuseWindow?: string;
}

/** The outcome of opening a case against its lines: held (with the customer's signals) or refused. */
export type CaseOpeningOutcome =
  | { readonly reserved: true; readonly abuseSignals?: AbuseSignals }
  | { readonly reserved: false; readonly lineId: string; readonly message: string };

/** How a case ends on its lines: units consumed or given back per line, refund holds given back. */
export interface CaseLinesEnding {
  readonly caseId: string;
  readonly orderId: string;
  readonly lines: ReadonlyArray<{ lineId: string; consumed: number; released: number }>;
  readonly giveBack: readonly string[];
}

/** Allowance activities (DOMAIN.md "Allowances per order line"): PostgreSQL holds, every call idempotent. */
export function createAllowanceActivities(dataSource: ConstructorParameters<typeof OrderLineAllowances>[0]) {
  const units = new OrderLineAllowances(dataSource);
  const refunds = new OrderLineRefunds(dataSource);
  const abuse = new CustomerAbuseSignals(dataSource);
  return {
    /** Registers the order's lines, holds the case's units (or its price protection), then counts abuse signals. */
    async openCaseOnLines(input: CaseOpeningHolds): Promise<CaseOpeningOutcome> {
      return rejectingConflicts(async () => {
        await units.registerLines(input.orderId, input.orderLines);
        if (input.units.length > 0) {
          const held = await units.reserveUnits(input.caseId, input.orderId, input.units);
          if (!held.reserved) {
            return refused(held.lineId, `only ${held.available} unit(s) of line ${held.lineId} left`);
          }
        }
        const protectedLines = await holdPriceProtection(refunds, input);
        if (protectedLines !== null) return protectedLines;
        if (input.abuseWindow === undefined) return { reserved: true };
        const abuseSignals = await abuse.recordAndCount(
          {
            caseId: input.caseId,
            customerId: input.customerId,
            refundOnly: input.refundOnly,
            requestedAt: new Date(input.requestedAt),
          },
          parseIsoDuration(input.abuseWindow),
        );
        return { reserved: true, abuseSignals };
      });
    },

    /** Reserves a refund's amount on its lines (idempotent on the ledger id): false with why when a line cannot take it. */
    async reserveRefundOnLines(input: {
      holdId: string;
      caseId: string;
      orderId: string;
      lines: LineMoney[];
    }): Promise<{ reserved: boolean; message?: string }> {
      return rejectingConflicts(async () => {
        const held = await refunds.reserveRefund(input.holdId, input.caseId, input.orderId, input.lines);
        return held.reserved
          ? { reserved: true }
          : {
              reserved: false,
              message: `line ${held.lineId} may refund only ${held.available.amount} ${held.available.currency} more`,
            };
      });
    },

    /** The refunds were paid: their reserved money becomes refunded (a repeat changes nothing). */
    async markRefundsPaid(holdIds: string[]): Promise<void> {
      for (const holdId of holdIds) await refunds.markPaid(holdId);
    },

    /** Ends the case on its lines: units consumed or given back, unpaid refund holds given back. */
    async endCaseOnLines(input: CaseLinesEnding): Promise<void> {
      await rejectingConflicts(async () => {
        for (const line of input.lines) {
          await units.settleUnits(input.caseId, input.orderId, line.lineId, line);
        }
        for (const holdId of input.giveBack) await refunds.giveBack(holdId);
      });
    },

    /** Undoes an opening whose request the domain refused after the holds were made. */
    async cancelCaseOpening(input: { caseId: string; giveBack: string[] }): Promise<void> {
      await units.endCaseUnits(input.caseId, 'RELEASE');
      for (const holdId of input.giveBack) await refunds.giveBack(holdId);
      await abuse.forget(input.caseId);
    },
  };
}

/** The allowance activities' interface, for the workflow's proxy. */
export type AllowanceActivities = ReturnType<typeof createAllowanceActivities>;

function refused(lineId: string, message: string): CaseOpeningOutcome {
  return { reserved: false, lineId, message };
}

/** Holds each price-protected line under its own ledger id; on a refusal, gives back what it held and says why. */
async function holdPriceProtection(
  refunds: OrderLineRefunds,
  input: CaseOpeningHolds,
): Promise<CaseOpeningOutcome | null> {
  const held: string[] = [];
  for (const hold of input.priceProtection) {
    const line = [{ lineId: hold.lineId, amount: hold.amount }];
    const outcome = await refunds
      .reserveRefund(hold.holdId, input.caseId, input.orderId, line)
      .catch((error: unknown) => {
        if (error instanceof AllowanceConflictError) return null;
        throw error;
      });
    if (outcome?.reserved) {
      held.push(hold.holdId);
      continue;
    }
    for (const holdId of held) await refunds.giveBack(holdId);
    return refused(
      hold.lineId,
      outcome === null
        ? `line ${hold.lineId} was already protected at this catalogue price`
        : `line ${hold.lineId} may refund only ${outcome.available.amount} ${outcome.available.currency} more`,
    );
  }
  return null;
}

/** An id reused or a line never registered is a bug no retry fixes: a non-retryable failure. */
async function rejectingConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AllowanceConflictError || error instanceof UnknownOrderLineError) {
      throw ApplicationFailure.nonRetryable(error.message, ALLOWANCE_REJECTED, { code: error.code });
    }
    throw error;
  }
}
