import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far an async projector has read the log. Its `last_transaction_id xid8` column is left out
 * of the mapping because TypeORM has no xid8 type; the projector reads and writes it in SQL.
 */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
