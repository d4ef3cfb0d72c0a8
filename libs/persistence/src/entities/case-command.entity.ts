import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A command id already appended, with the result a retry of it gets back. */
@Entity({ name: 'case_commands' })
export class CaseCommandEntity {
  @PrimaryColumn({ name: 'command_id', type: 'text' })
  commandId!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
