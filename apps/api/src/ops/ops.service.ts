import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ReadModelsRebuildResult,
  RebuildInProgressError,
  rebuildReadModels,
} from '../../../../libs/persistence/src';
import { ApiError } from '../common/api-error';
import { DATA_SOURCE } from '../common/tokens';
import { READ_MODEL_PROJECTIONS, ReadModelProjections } from './read-model-projections.provider';

/** The read-model ops: rebuilding the read models. */
@Injectable()
export class OpsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(READ_MODEL_PROJECTIONS) private readonly projections: ReadModelProjections,
  ) {}

  /** Rebuilds every read model from the log, timed; 409 while another rebuild runs. */
  async rebuildReadModels(): Promise<ReadModelsRebuildResult & { durationMs: number }> {
    const started = performance.now();
    try {
      const result = await rebuildReadModels(
        this.dataSource,
        this.projections.caseViews,
        this.projections.projectors(this.dataSource),
      );
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (error instanceof RebuildInProgressError) {
        throw ApiError.conflict(error.code, error.message);
      }
      throw error;
    }
  }
}
