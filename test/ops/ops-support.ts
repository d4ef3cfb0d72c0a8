import { randomUUID } from 'node:crypto';
import { makeTestPolicy } from '../../libs/domain/src';
import {
  ApiHarness,
  caseRequest,
  expectStatus,
  Identities,
  returnToWarehouse,
  waitForStatus,
} from '../e2e/e2e-support';
import { eventually } from '../support/eventually';

export { expectStatus };

/** Clocks long enough that only the test moves the case (no timer decides on its own). */
export const OPS_POLICY = makeTestPolicy({
  allProfiles: {
    clocks: {
      merchantResponse: 'PT1H',
      customerShip: 'PT1H',
      warehouseInspect: 'PT1H',
      escalationWindow: 'PT1H',
      merchantEscalationAnswer: 'PT1H',
      refundAfterInspection: 'PT1H',
      replacementShip: 'PT1H',
      repairMaxDuration: 'PT1H',
    },
  },
});

/** One event of `GET /v1/cases/{id}/events`. */
export interface EventItem {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  actor: { role: string; id: string };
}

/** One reason of a stuck case. */
export interface StuckReasonItem {
  kind: string;
  detail: string;
  since: string;
  activityId?: string;
  activityType?: string;
  attempts?: number;
  lastError?: string;
  refundId?: string;
}

/** One item of `GET /v1/ops/stuck-cases`. */
export interface StuckCaseItem {
  caseId: string;
  status: string;
  workflowId: string;
  reasons: StuckReasonItem[];
  temporalUiUrl: string;
}

/** Helpers bound to one API and one set of identities. */
export function opsDriver(api: ApiHarness, who: Identities) {
  const statusOf = async (caseId: string) =>
    (await api.call('GET', `/v1/cases/${caseId}`, who.ops)).body.status as string;

  const eventsOf = async (caseId: string): Promise<EventItem[]> =>
    (expectStatus(await api.call('GET', `/v1/cases/${caseId}/events`, who.ops)).items as EventItem[]) ?? [];

  const stuckCases = async (query = ''): Promise<StuckCaseItem[]> =>
    expectStatus(await api.call('GET', `/v1/ops/stuck-cases${query}`, who.ops)).items as StuckCaseItem[];

  /** The case's stuck entry once `check` passes on it. */
  const stuckEntryWhen = async (
    caseId: string,
    check: (item: StuckCaseItem) => boolean,
    query = '',
    timeoutMs = 45_000,
  ): Promise<StuckCaseItem> => {
    let found: StuckCaseItem | undefined;
    await eventually(
      async () => {
        found = (await stuckCases(query)).find((item) => item.caseId === caseId);
        expect(found && check(found) ? 'listed' : JSON.stringify(found ?? 'not listed')).toBe('listed');
      },
      timeoutMs,
      500,
    );
    return found as StuckCaseItem;
  };

  /** Opens a self-ship quality return above the auto-approval limit (it waits for the merchant). */
  const openCase = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const created = await api.call('POST', '/v1/cases', who.customer, await caseRequest(api, who, overrides));
    expect(created.status).toBe(201);
    return created.body.caseId as string;
  };

  /** The warehouse grades the unit defective: the case settles to a full refund. */
  const inspectDefective = async (caseId: string) =>
    expectStatus(
      await api.call('POST', `/v1/cases/${caseId}/inspection`, who.warehouse, {
        inspectionId: `i-${randomUUID()}`,
        warehouseId: 'wh-1',
        inspector: 'Li',
        items: [{ sku: 'sku-1', quantity: 1, grade: 'C_DEFECTIVE', notes: 'screen defect confirmed' }],
      }),
    );

  return {
    statusOf,
    waitForStatus: (caseId: string, status: string, timeoutMs?: number) =>
      waitForStatus(api, who, caseId, status, timeoutMs),
    eventsOf,
    stuckCases,
    stuckEntryWhen,
    openCase,
    returnToWarehouse: (caseId: string, trackingNumber?: string) =>
      returnToWarehouse(api, who, caseId, trackingNumber),
    inspectDefective,
  };
}

/** The seqs of a log are 1..n without gaps. */
export function expectSeqWithoutGaps(events: EventItem[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
}
