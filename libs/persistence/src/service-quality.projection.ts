import { QueryRunner } from 'typeorm';
import { AsyncProjection } from './async-projection';
import { queryRows } from './sql';
import { ServiceQualityClassifier, ServiceQualityFact } from './service-quality.facts';
import { StoredEvent } from './stored-event.types';

/** Checkpoint name of the service-quality projector. */
export const SERVICE_QUALITY_PROJECTION = 'service-quality';

/** Milliseconds between two timestamptz expressions, as a bigint SQL expression. */
const millisBetween = (from: string, to: string) => `(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)::bigint`;

/**
 * Service-quality figures per merchant, projected asynchronously from the log: response time
 * (requested → first merchant answer or approval by timeout), resolution time (requested →
 * completed/closed), approvals by timeout, escalations, refunds paid late.
 */
export class ServiceQualityProjection implements AsyncProjection {
  constructor(
    private readonly classify: ServiceQualityClassifier,
    /** The checkpoint name; only tests running a second instance over the same tables change it. */
    readonly name: string = SERVICE_QUALITY_PROJECTION,
  ) {}

  async handle(tx: QueryRunner, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      const fact = this.classify(event);
      if (fact) await this.apply(tx, event, fact);
    }
  }

  async reset(tx: QueryRunner): Promise<void> {
    await tx.query(`DELETE FROM service_quality_cases`);
    await tx.query(`DELETE FROM merchant_service_quality`);
  }

  private async apply(tx: QueryRunner, event: StoredEvent, fact: ServiceQualityFact): Promise<void> {
    const caseId = event.streamId;
    const at = event.occurredAt;
    switch (fact.kind) {
      case 'REQUESTED':
        return recordRequest(tx, caseId, at, fact.merchantId);
      case 'MERCHANT_RESPONDED':
      case 'APPROVED_BY_TIMEOUT':
      case 'AUTO_APPROVED':
        return recordAnswer(tx, caseId, at, fact.kind);
      case 'ESCALATED':
        return recordEscalation(tx, caseId);
      case 'RESOLVED':
        return recordResolution(tx, caseId, at);
      case 'REFUND_DUE':
      case 'REFUND_LATE':
        // A breach flag means the refund was due by then at the latest.
        return recordRefundDue(tx, caseId, fact.kind === 'REFUND_DUE' ? fact.dueBy : at);
      case 'REFUND_PAID':
        return recordRefundPaid(tx, caseId, at);
      default: {
        const unknownFact: never = fact;
        throw new Error(`Unhandled service-quality fact ${JSON.stringify(unknownFact)}`);
      }
    }
  }
}

/** A case requested: its row, and the merchant's count of requests. */
async function recordRequest(tx: QueryRunner, caseId: string, at: string, merchantId: string): Promise<void> {
  const opened = await queryRows<{ merchant_id: string }>(
    tx,
    `INSERT INTO service_quality_cases (case_id, merchant_id, requested_at)
     VALUES ($1, $2, $3::timestamptz) ON CONFLICT (case_id) DO NOTHING RETURNING merchant_id`,
    [caseId, merchantId, at],
  );
  if (opened.length > 0) await bump(tx, merchantId, `cases_requested = m.cases_requested + 1`);
}

/** Who gave a case its first answer, as `service_quality_cases.answered_by` holds it. */
const ANSWERED_BY = {
  MERCHANT_RESPONDED: 'MERCHANT',
  APPROVED_BY_TIMEOUT: 'TIMEOUT',
  AUTO_APPROVED: 'AUTO',
} as const;

/** The first answer to a request (the merchant's, a timeout's or an automatic approval) and its response time. */
async function recordAnswer(
  tx: QueryRunner,
  caseId: string,
  at: string,
  kind: 'MERCHANT_RESPONDED' | 'APPROVED_BY_TIMEOUT' | 'AUTO_APPROVED',
): Promise<void> {
  const answered = await queryRows<{ merchant_id: string; response_ms: string }>(
    tx,
    `UPDATE service_quality_cases SET responded_at = $2::timestamptz, answered_by = $3
     WHERE case_id = $1 AND responded_at IS NULL
     RETURNING merchant_id, ${millisBetween('requested_at', 'responded_at')} AS response_ms`,
    [caseId, at, ANSWERED_BY[kind]],
  );
  if (answered.length === 0) return;
  const { merchant_id: merchantId, response_ms: responseMs } = answered[0];
  if (kind === 'AUTO_APPROVED') {
    await bump(tx, merchantId, `auto_approved = m.auto_approved + 1`);
    return;
  }
  const timeout = kind === 'APPROVED_BY_TIMEOUT' ? 1 : 0;
  await bump(
    tx,
    merchantId,
    `responses = m.responses + 1, response_time_ms_sum = m.response_time_ms_sum + $2::bigint,
     approved_by_timeout = m.approved_by_timeout + $3::int`,
    [responseMs, timeout],
  );
}

/** A case's first escalation. */
async function recordEscalation(tx: QueryRunner, caseId: string): Promise<void> {
  const escalated = await queryRows<{ merchant_id: string }>(
    tx,
    `UPDATE service_quality_cases SET escalated = true WHERE case_id = $1 AND NOT escalated
     RETURNING merchant_id`,
    [caseId],
  );
  if (escalated.length > 0) {
    await bump(tx, escalated[0].merchant_id, `escalated_cases = m.escalated_cases + 1`);
  }
}

/** A case resolved (completed or closed) and its resolution time. */
async function recordResolution(tx: QueryRunner, caseId: string, at: string): Promise<void> {
  const resolved = await queryRows<{ merchant_id: string; resolution_ms: string }>(
    tx,
    `UPDATE service_quality_cases SET resolved_at = $2::timestamptz
     WHERE case_id = $1 AND resolved_at IS NULL
     RETURNING merchant_id, ${millisBetween('requested_at', 'resolved_at')} AS resolution_ms`,
    [caseId, at],
  );
  if (resolved.length > 0) {
    await bump(
      tx,
      resolved[0].merchant_id,
      `resolved = m.resolved + 1, resolution_time_ms_sum = m.resolution_time_ms_sum + $2::bigint`,
      [resolved[0].resolution_ms],
    );
  }
}

/** The earliest time a case's refund was due by. */
async function recordRefundDue(tx: QueryRunner, caseId: string, dueBy: string): Promise<void> {
  await tx.query(
    `UPDATE service_quality_cases SET refund_due_by = LEAST(refund_due_by, $2::timestamptz)
     WHERE case_id = $1`,
    [caseId, dueBy],
  );
}

/** A refund paid, late when after its due time. */
async function recordRefundPaid(tx: QueryRunner, caseId: string, at: string): Promise<void> {
  const paid = await queryRows<{ merchant_id: string; late: boolean }>(
    tx,
    `SELECT merchant_id, COALESCE($2::timestamptz > refund_due_by, false) AS late
     FROM service_quality_cases WHERE case_id = $1`,
    [caseId, at],
  );
  if (paid.length > 0) {
    await bump(
      tx,
      paid[0].merchant_id,
      `refunds_paid = m.refunds_paid + 1, refunds_paid_late = m.refunds_paid_late + $2::int`,
      [paid[0].late ? 1 : 0],
    );
  }
}

/** Adds to one merchant's totals (`changes` may use $2.. for `values`), creating its row if needed. */
async function bump(
  tx: QueryRunner,
  merchantId: string,
  changes: string,
  values: unknown[] = [],
): Promise<void> {
  await tx.query(
    `INSERT INTO merchant_service_quality AS m (merchant_id) VALUES ($1) ON CONFLICT DO NOTHING`,
    [merchantId],
  );
  await tx.query(
    `UPDATE merchant_service_quality AS m SET ${changes}, updated_at = now() WHERE merchant_id = $1`,
    [merchantId, ...values],
  );
}
