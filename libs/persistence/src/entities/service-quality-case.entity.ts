import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the service-quality projector remembers of one case to time its answer and resolution. */
@Entity({ name: 'service_quality_cases' })
export class ServiceQualityCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'merchant_id', type: 'text' })
  merchantId!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'boolean' })
  escalated!: boolean;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Who gave the first answer: MERCHANT, TIMEOUT or AUTO (null before it). */
  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'refund_due_by', type: 'timestamptz', nullable: true })
  refundDueBy!: Date | null;
}
