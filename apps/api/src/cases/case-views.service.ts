import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  CaseListPage,
  CaseViewQueries,
  CASE_VIEWS_TABLE,
  EventStore,
  InvalidCursorError,
  InvalidQueryError,
} from '../../../../libs/persistence/src';
import {
  caseViewQuery,
  caseWorkflowId,
  CaseViewPayload,
} from '../../../../workflows/after-sales-case.definitions';
import type { TokenClaims } from '../auth/tokens';
import { ApiError } from '../common/api-error';
import { assertCaseOwner, forbiddenOwner } from '../common/case-access';
import { DATA_SOURCE } from '../common/tokens';
import { TemporalConnection } from '../temporal/temporal.module';
import { isCaseIdShaped } from './case-id';
import type { CaseListQueryParams } from './case-list-query.schema';

/** How long the fallback query of a case's workflow may take before we give up on it. */
const WORKFLOW_QUERY_TIMEOUT_MS = 5000;

/** One entry of `GET /v1/cases/{id}/events`. */
export interface CaseEventItem {
  seq: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  actor: unknown;
  data: unknown;
}

/**
 * Reads cases for the API: the inline read model first (durable, what the log says), the case
 * workflow's query as a fallback for a case whose first append is not visible yet; and the log.
 */
@Injectable()
export class CaseViewsService {
  private readonly views: CaseViewQueries<CaseViewPayload>;
  private readonly eventStore: EventStore;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly temporal: TemporalConnection,
  ) {
    this.views = new CaseViewQueries<CaseViewPayload>(dataSource);
    this.eventStore = new EventStore(dataSource);
  }

  /** The case's view from the read model only, or null. */
  async fromReadModel(caseId: string): Promise<CaseViewPayload | null> {
    return this.views.getById(caseId);
  }

  /** The case's view (read model, else the workflow's query), or null when there is no such case. */
  async find(caseId: string): Promise<CaseViewPayload | null> {
    if (!isCaseIdShaped(caseId)) return null;
    return (await this.views.getById(caseId)) ?? (await this.fromWorkflow(caseId));
  }

  /** The case as `caller` may see it: 404 when unknown, 403 when it is someone else's. */
  async getForCaller(caller: TokenClaims, caseId: string): Promise<CaseViewPayload> {
    const view = await this.find(caseId);
    if (!view) throw ApiError.notFound(`case ${caseId}`);
    assertCaseOwner(caller, view);
    return view;
  }

  /** A page of cases; a customer's or merchant's own filter is forced (403 when they ask for another's). */
  async list(caller: TokenClaims, query: CaseListQueryParams): Promise<CaseListPage<CaseViewPayload>> {
    const filters = { ...query };
    if (caller.role === 'customer') {
      if (!caller.customerId || (query.customerId && query.customerId !== caller.customerId)) {
        throw forbiddenOwner('a customer lists their own cases only');
      }
      filters.customerId = caller.customerId;
    }
    if (caller.role === 'merchant') {
      if (!caller.merchantId || (query.merchantId && query.merchantId !== caller.merchantId)) {
        throw forbiddenOwner('a merchant lists their own cases only');
      }
      filters.merchantId = caller.merchantId;
    }
    try {
      return await this.views.list(filters);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw ApiError.validation([{ field: 'cursor', message: 'not a cursor this service issued' }]);
      }
      if (error instanceof InvalidQueryError) {
        throw ApiError.validation([{ field: error.field, message: error.message }]);
      }
      throw error;
    }
  }

  /** The case's domain events in order (seq from 1), after the same access check as the view. */
  async events(caller: TokenClaims, caseId: string): Promise<CaseEventItem[]> {
    await this.getForCaller(caller, caseId);
    const events = await this.eventStore.readStream(caseId);
    return events.map((event) => ({
      seq: event.seq,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      actor: event.actor,
      data: event.data,
    }));
  }

  /**
   * The case whose return shipment has `trackingNumber` (the newest one, should a number be reused),
   * or null. A jsonb expression over the read model: scans are rare next to the views' other reads.
   */
  async caseIdOfTrackingNumber(trackingNumber: string): Promise<string | null> {
    const rows = await this.dataSource.query<Array<{ case_id: string }>>(
      `SELECT case_id FROM ${CASE_VIEWS_TABLE}
       WHERE view -> 'returnShipment' ->> 'trackingNumber' = $1
       ORDER BY created_at DESC, case_id DESC LIMIT 1`,
      [trackingNumber],
    );
    return rows[0]?.case_id ?? null;
  }

  private async fromWorkflow(caseId: string): Promise<CaseViewPayload | null> {
    const handle = this.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
    try {
      return await this.temporal.connection.withDeadline(Date.now() + WORKFLOW_QUERY_TIMEOUT_MS, () =>
        handle.query(caseViewQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'CASE_UNAVAILABLE',
        `case ${caseId} could not be read: ${(error as Error).message}`,
      );
    }
  }
}
