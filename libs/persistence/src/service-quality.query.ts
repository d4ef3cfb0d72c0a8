import { DataSource } from 'typeorm';
import { toSafeNumber } from './sql';

/** The service-quality figures of `GET /v1/ops/metrics/service-quality`, for one merchant or all. */
export interface ServiceQualityFigures {
  /** The merchant, or null for the totals over every merchant. */
  merchantId: string | null;
  casesRequested: number;
  /** Cases whose first answer (merchant decision or approval by timeout) has come. */
  responses: number;
  /** Mean time from request to first answer, in ms and as an ISO 8601 duration; null before any. */
  averageResponseTimeMs: number | null;
  averageResponseTime: string | null;
  /** Cases approved because the merchant let the response clock run out. */
  approvedByTimeout: number;
  /** approvedByTimeout / casesRequested (0 when there are no cases). */
  approvedByTimeoutShare: number;
  /** Cases approved by policy at request time (not counted in response time). */
  autoApprovedAtRequest: number;
  /** Cases completed or closed. */
  resolvedCases: number;
  /** Mean time from request to completion or closing, in ms and as an ISO 8601 duration. */
  averageResolutionTimeMs: number | null;
  averageResolutionTime: string | null;
  escalatedCases: number;
  /** escalatedCases / casesRequested (0 when there are no cases). */
  escalationRate: number;
  refundsPaid: number;
  /** Refunds paid after they were due (after the refund clock ran out). */
  refundsPaidLate: number;
}

interface MerchantRow {
  merchant_id: string | null;
  cases_requested: string;
  responses: string;
  response_time_ms_sum: string;
  approved_by_timeout: string;
  auto_approved: string;
  resolved: string;
  resolution_time_ms_sum: string;
  escalated_cases: string;
  refunds_paid: string;
  refunds_paid_late: string;
}

const SUMS = `SUM(cases_requested) AS cases_requested, SUM(responses) AS responses,
  SUM(response_time_ms_sum) AS response_time_ms_sum, SUM(approved_by_timeout) AS approved_by_timeout,
  SUM(auto_approved) AS auto_approved, SUM(resolved) AS resolved,
  SUM(resolution_time_ms_sum) AS resolution_time_ms_sum, SUM(escalated_cases) AS escalated_cases,
  SUM(refunds_paid) AS refunds_paid, SUM(refunds_paid_late) AS refunds_paid_late`;

/** Reads the service-quality projection (as far as its projector has caught up). */
export class ServiceQualityQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The figures of one merchant (zeros when it has no case), or the totals when `merchantId` is omitted. */
  async figures(merchantId?: string): Promise<ServiceQualityFigures> {
    const rows =
      merchantId === undefined
        ? await this.dataSource.query<MerchantRow[]>(
            `SELECT NULL AS merchant_id, ${SUMS} FROM merchant_service_quality`,
          )
        : await this.dataSource.query<MerchantRow[]>(
            `SELECT merchant_id, ${SUMS} FROM merchant_service_quality WHERE merchant_id = $1 GROUP BY merchant_id`,
            [merchantId],
          );
    return toFigures(rows[0] ?? null, merchantId ?? null);
  }

  /** The figures of every merchant with at least one case, by merchant id. */
  async allMerchants(): Promise<ServiceQualityFigures[]> {
    const rows = await this.dataSource.query<MerchantRow[]>(
      `SELECT merchant_id, ${SUMS} FROM merchant_service_quality GROUP BY merchant_id ORDER BY merchant_id`,
    );
    return rows.map((row) => toFigures(row, row.merchant_id));
  }
}

function toFigures(row: MerchantRow | null, merchantId: string | null): ServiceQualityFigures {
  const n = (value: string | null | undefined) =>
    value === null || value === undefined ? 0 : toSafeNumber(value);
  const casesRequested = n(row?.cases_requested);
  const responses = n(row?.responses);
  const resolvedCases = n(row?.resolved);
  const approvedByTimeout = n(row?.approved_by_timeout);
  const escalatedCases = n(row?.escalated_cases);
  const averageResponseTimeMs = responses === 0 ? null : Math.round(n(row?.response_time_ms_sum) / responses);
  const averageResolutionTimeMs =
    resolvedCases === 0 ? null : Math.round(n(row?.resolution_time_ms_sum) / resolvedCases);
  return {
    merchantId,
    casesRequested,
    responses,
    averageResponseTimeMs,
    averageResponseTime: averageResponseTimeMs === null ? null : isoDuration(averageResponseTimeMs),
    approvedByTimeout,
    approvedByTimeoutShare: casesRequested === 0 ? 0 : approvedByTimeout / casesRequested,
    autoApprovedAtRequest: n(row?.auto_approved),
    resolvedCases,
    averageResolutionTimeMs,
    averageResolutionTime: averageResolutionTimeMs === null ? null : isoDuration(averageResolutionTimeMs),
    escalatedCases,
    escalationRate: casesRequested === 0 ? 0 : escalatedCases / casesRequested,
    refundsPaid: n(row?.refunds_paid),
    refundsPaidLate: n(row?.refunds_paid_late),
  };
}

/** Milliseconds as an ISO 8601 duration in hours, minutes and seconds (`PT49H30M`, `PT0.25S`). */
export function isoDuration(milliseconds: number): string {
  const totalMs = Math.max(0, Math.round(milliseconds));
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const seconds = (totalMs % 60_000) / 1000;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `PT${parts || '0S'}`;
}
