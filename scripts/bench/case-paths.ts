import { randomUUID } from 'node:crypto';
import { TokenClaims } from '../../apps/api/src/auth/tokens';
import { SandboxControlClient } from '../../apps/sandbox/src/sandbox-control.client';
import { ApiClient, UnexpectedAnswer } from './api-client';

/** The paths of the mix, taken in turn by case number (case i follows `CASE_PATHS[i % 4]`). */
export const CASE_PATHS = ['pickup-auto', 'self-ship-merchant', 'fresh-refund', 'exchange'] as const;

/** One path of the mix. */
export type CasePath = (typeof CASE_PATHS)[number];

/** What each path does, for the report. */
export const CASE_PATH_DESCRIPTIONS: Record<CasePath, string> = {
  'pickup-auto':
    'no-reason return of ¥129.99 (auto-approved) → doorstep pickup booked with the carrier → scans ' +
    'PICKED_UP, IN_TRANSIT, DELIVERED → inspection A_RESELLABLE → refund → COMPLETED',
  'self-ship-merchant':
    'quality return of ¥329.99 → merchant APPROVE → customer registers a self-shipped parcel → three ' +
    'scans → inspection A_RESELLABLE → refund → COMPLETED',
  'fresh-refund':
    'fresh-food SPOILED claim with a photo, refund only (auto-approved, nothing shipped) → refund → COMPLETED',
  exchange:
    'quality exchange of ¥329.99 → merchant APPROVE → self-ship → three scans → inspection A_RESELLABLE → ' +
    'stock reserved and replacement shipped → COMPLETED',
};

/** The latency series of the action endpoints (the `endpoint` names the API client records). */
export const ACTION_ENDPOINTS = [
  'POST /v1/cases/{id}/decision',
  'POST /v1/cases/{id}/return-shipment',
  'POST /v1/carrier/events',
  'POST /v1/cases/{id}/inspection',
] as const;

/** The latency series of case creation. */
export const CREATE_ENDPOINT = 'POST /v1/cases';
/** From the first POST /v1/cases until one answered 201/200, repeats after a 503 included. */
export const CREATE_UNTIL_CREATED = 'POST /v1/cases until created (repeats included)';
/** Counts the 503 answers to case creation that were repeated (the series' values are all 0). */
export const CREATE_RETRIED = 'POST /v1/cases answered 503, repeated';
/** The latency series of the case view. */
export const VIEW_ENDPOINT = 'GET /v1/cases/{id}';
/** From the start of a carrier's scan POST until GET /v1/cases/{id} shows the scan. */
export const SCAN_TO_VIEW = 'scan POST → case view shows it';
/** From POST /v1/cases until the view says COMPLETED. */
export const CASE_DURATION = 'case: request → COMPLETED seen';

/** The outcome of driving one case. */
export interface CaseOutcome {
  index: number;
  path: CasePath;
  caseId?: string;
  completedAt?: number;
  error?: string;
}

/** What every case of a run shares. */
export interface CaseRunContext {
  api: ApiClient;
  /** Distinguishes the tracking numbers and ids of this run from earlier ones on the same database. */
  runId: string;
  merchantId: string;
  /** The sandbox's order system, where each case's order is placed first (contract v1.1). */
  orders: SandboxControlClient;
  /** No case goes on after this time (epoch ms); polling stops there. */
  deadline: number;
}

const DAY_MS = 86_400_000;
const SKU = 'sku-bench-1';

/**
 * Drives case `index` through its path over the HTTP API only, as the customer, merchant, carrier and
 * warehouse would, and waits until its view says COMPLETED. Never throws: a failure is the outcome.
 */
export async function driveCase(ctx: CaseRunContext, index: number): Promise<CaseOutcome> {
  const path = CASE_PATHS[index % CASE_PATHS.length];
  const outcome: CaseOutcome = { index, path };
  try {
    await runPath(ctx, index, path, outcome);
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  }
  return outcome;
}

/** The callers of one case, and how to read its view. */
interface CaseDriver {
  ctx: CaseRunContext;
  index: number;
  caseId: string;
  customer: TokenClaims;
  /** Polls the case view (as ops) until `check` holds; throws if the case ends otherwise. */
  viewUntil(
    check: (body: Record<string, unknown>) => boolean,
    what: string,
  ): Promise<Record<string, unknown>>;
}

const MERCHANT = (merchantId: string): TokenClaims => ({
  sub: `${merchantId}-agent`,
  role: 'merchant',
  merchantId,
});
const CARRIER: TokenClaims = { sub: 'carrier-bench', role: 'carrier' };
const WAREHOUSE: TokenClaims = { sub: 'wh-bench', role: 'warehouse' };
const OPS: TokenClaims = { sub: 'ops-bench', role: 'ops' };

/** `POST /v1/cases`, repeated with the same requestId on a 503 (a repeat answers the same case, 200). */
async function openCase(ctx: CaseRunContext, path: CasePath, customer: TokenClaims, started: number) {
  const { api } = ctx;
  const request = await caseRequest(ctx.orders, path, ctx.merchantId, String(customer.customerId));
  let created = await api.call('POST', '/v1/cases', customer, CREATE_ENDPOINT, request);
  for (let retry = 0; created.status === 503 && retry < 3; retry++) {
    api.timings.add(CREATE_RETRIED, 0);
    created = await api.call('POST', '/v1/cases', customer, CREATE_ENDPOINT, request);
  }
  if (created.status !== 201 && created.status !== 200) throw new UnexpectedAnswer('POST /v1/cases', created);
  api.timings.add(CREATE_UNTIL_CREATED, performance.now() - started);
  return String(created.body.caseId);
}

/** The parcel on its way back: booked by the workflow, or approved by the merchant and self-shipped. */
async function sendBack(driver: CaseDriver, path: CasePath): Promise<string | undefined> {
  const { ctx, index, caseId } = driver;
  switch (path) {
    case 'pickup-auto': {
      // The workflow books the pickup itself; the tracking number appears in the view once booked.
      const booked = await driver.viewUntil(
        (body) => !!shipmentOf(body)?.trackingNumber,
        'the booked pickup',
      );
      return String(shipmentOf(booked)?.trackingNumber);
    }
    case 'self-ship-merchant':
    case 'exchange': {
      await ctx.api.expect(
        200,
        'POST',
        `/v1/cases/${caseId}/decision`,
        MERCHANT(ctx.merchantId),
        'POST /v1/cases/{id}/decision',
        {
          decisionId: `d-${ctx.runId}-${index}`,
          decision: 'APPROVE',
          note: 'bench',
        },
      );
      const trackingNumber = `BENCH${ctx.runId}${index}`.replace(/[^A-Za-z0-9]/g, '');
      await ctx.api.expect(
        200,
        'POST',
        `/v1/cases/${caseId}/return-shipment`,
        driver.customer,
        'POST /v1/cases/{id}/return-shipment',
        {
          carrier: 'SF',
          trackingNumber,
        },
      );
      return trackingNumber;
    }
    case 'fresh-refund':
      return undefined;
    default: {
      const never: never = path;
      throw new Error(`unknown path ${String(never)}`);
    }
  }
}

/** The carrier's three scans (each until the view shows it), then the warehouse's grade A. */
async function deliverAndInspect(driver: CaseDriver, trackingNumber: string): Promise<void> {
  const { ctx, index, caseId } = driver;
  for (const event of ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED'] as const) {
    const scanStarted = performance.now();
    await ctx.api.expect(200, 'POST', '/v1/carrier/events', CARRIER, 'POST /v1/carrier/events', {
      eventId: `${trackingNumber}-${event}`,
      trackingNumber,
      event,
      occurredAt: new Date().toISOString(),
    });
    await driver.viewUntil((body) => shipmentOf(body)?.status === event, `the ${event} scan in the view`);
    ctx.api.timings.add(SCAN_TO_VIEW, performance.now() - scanStarted);
  }
  await ctx.api.expect(
    200,
    'POST',
    `/v1/cases/${caseId}/inspection`,
    WAREHOUSE,
    'POST /v1/cases/{id}/inspection',
    {
      inspectionId: `i-${ctx.runId}-${index}`,
      warehouseId: 'wh-bench',
      inspector: 'bench',
      items: [{ sku: SKU, quantity: 1, grade: 'A_RESELLABLE' }],
    },
  );
}

async function runPath(ctx: CaseRunContext, index: number, path: CasePath, outcome: CaseOutcome) {
  const customerId = `c-bench-${index % 50}`;
  const customer: TokenClaims = { sub: customerId, role: 'customer', customerId };
  const started = performance.now();
  const caseId = await openCase(ctx, path, customer, started);
  outcome.caseId = caseId;
  const viewUntil: CaseDriver['viewUntil'] = (check, what) =>
    pollUntil(
      ctx,
      async () => {
        const answer = await ctx.api.expect(200, 'GET', `/v1/cases/${caseId}`, OPS, VIEW_ENDPOINT);
        if (['REJECTED', 'CANCELLED', 'CLOSED'].includes(String(answer.body.status))) {
          throw new Error(`case ${caseId} ended ${String(answer.body.status)} while waiting for ${what}`);
        }
        return check(answer.body) ? answer.body : undefined;
      },
      what,
    );
  const driver: CaseDriver = { ctx, index, caseId, customer, viewUntil };
  const trackingNumber = await sendBack(driver, path);
  if (trackingNumber) await deliverAndInspect(driver, trackingNumber);
  await viewUntil((body) => body.status === 'COMPLETED', 'COMPLETED');
  outcome.completedAt = Date.now();
  ctx.api.timings.add(CASE_DURATION, performance.now() - started);
}

function shipmentOf(body: Record<string, unknown>): { trackingNumber?: string; status?: string } | undefined {
  return (body.returnShipment ?? undefined) as { trackingNumber?: string; status?: string } | undefined;
}

/**
 * Polls `probe` until it answers a value: first after 50 ms, then backing off to one poll a second,
 * at most 2,000 polls and never past the run's deadline.
 */
async function pollUntil<T>(
  ctx: CaseRunContext,
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  let delay = 50;
  for (let attempt = 0; attempt < 2_000 && Date.now() < ctx.deadline; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(1_000, Math.round(delay * 1.5));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** What a path's order holds: one line of `amount` in `category`. */
function orderOf(path: CasePath): { amount: number; category: 'GENERAL' | 'FRESH' } {
  switch (path) {
    case 'pickup-auto':
      return { amount: 12999, category: 'GENERAL' };
    case 'fresh-refund':
      return { amount: 5999, category: 'FRESH' };
    case 'self-ship-merchant':
    case 'exchange':
      return { amount: 32999, category: 'GENERAL' };
  }
}

/** What a path asks for its order line (contract v1.1: the body names the order and the line only). */
function askOf(path: CasePath): Record<string, unknown> {
  const photo = (url: string) => [{ kind: 'PHOTO', url }];
  switch (path) {
    case 'pickup-auto':
      return {
        type: 'RETURN_REFUND',
        reason: 'NO_REASON',
        returnMethod: 'PICKUP',
        pickupAddress: {
          name: 'Bench Customer',
          phone: '13800000000',
          line1: '1 Bench Road',
          city: 'Hangzhou',
        },
      };
    case 'self-ship-merchant':
      return {
        type: 'RETURN_REFUND',
        reason: 'QUALITY_ISSUE',
        returnMethod: 'SELF_SHIP',
        evidence: photo('https://example.test/bench.jpg'),
        description: 'the hinge is loose',
      };
    case 'fresh-refund':
      return {
        type: 'REFUND_ONLY',
        reason: 'SPOILED',
        returnMethod: 'NONE',
        evidence: photo('https://example.test/spoiled.jpg'),
        description: 'arrived spoiled',
      };
    case 'exchange':
      return {
        type: 'EXCHANGE',
        reason: 'QUALITY_ISSUE',
        returnMethod: 'SELF_SHIP',
        evidence: photo('https://example.test/bench.jpg'),
        description: 'dead on arrival',
      };
  }
}

/**
 * The `POST /v1/cases` body of a path (contract v1.1), on an order placed for it in the sandbox's order
 * system first: delivered yesterday, paid three days ago, so every window is open.
 */
export async function caseRequest(
  orders: SandboxControlClient,
  path: CasePath,
  merchantId: string,
  customerId: string,
): Promise<Record<string, unknown>> {
  const now = Date.now();
  const { amount, category } = orderOf(path);
  const order = await orders.createOrder({
    orderId: `o-bench-${randomUUID()}`,
    customerId,
    merchantId,
    paidAt: new Date(now - 3 * DAY_MS).toISOString(),
    deliveredAt: new Date(now - DAY_MS).toISOString(),
    lines: [
      {
        sku: SKU,
        category,
        supplierId: 's-bench',
        warrantyMonths: 12,
        quantity: 1,
        unitPaid: { amount, currency: 'CNY' },
      },
    ],
  });
  return {
    requestId: randomUUID(),
    orderId: order.orderId,
    lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }],
    ...askOf(path),
  };
}
