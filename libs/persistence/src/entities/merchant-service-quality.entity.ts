import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One merchant's service-quality totals, kept by the service-quality projector. */
@Entity({ name: 'merchant_service_quality' })
export class MerchantServiceQualityEntity {
  @PrimaryColumn({ name: 'merchant_id', type: 'text' })
  merchantId!: string;

  @Column({ name: 'cases_requested', type: 'integer' })
  casesRequested!: number;

  @Column({ type: 'integer' })
  responses!: number;

  @Column({ name: 'response_time_ms_sum', type: 'bigint' })
  responseTimeMsSum!: string;

  @Column({ name: 'approved_by_timeout', type: 'integer' })
  approvedByTimeout!: number;

  @Column({ name: 'auto_approved', type: 'integer' })
  autoApproved!: number;

  @Column({ type: 'integer' })
  resolved!: number;

  @Column({ name: 'resolution_time_ms_sum', type: 'bigint' })
  resolutionTimeMsSum!: string;

  @Column({ name: 'escalated_cases', type: 'integer' })
  escalatedCases!: number;

  @Column({ name: 'refunds_paid', type: 'integer' })
  refundsPaid!: number;

  @Column({ name: 'refunds_paid_late', type: 'integer' })
  refundsPaidLate!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
