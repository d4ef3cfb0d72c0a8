import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ReadModelsRebuildResult,
  RebuildInProgressError,
  rebuildReadModels,
  ServiceQualityFigures,
  ServiceQualityQueries,
} from '../../../../libs/persistence/src';
import { ApiError } from '../common/api-error';
import { DATA_SOURCE } from '../common/tokens';
import { READ_MODEL_PROJECTIONS, ReadModelProjections } from './read-model-projections.provider';

/** The read-model ops: rebuilding the read models, the service-quality figures. */
@Injectable()
export class OpsService {
  private readonly serviceQualityQueries: ServiceQualityQueries;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(READ_MODEL_PROJECTIONS) private readonly projections: ReadModelProjections,
  ) {
    this.serviceQualityQueries = new ServiceQualityQueries(dataSource);
  }

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

  /**
   * The service-quality figures of one merchant, or the totals. The projector catches up first (a
   * no-op while another instance holds its lock), so the figures include every committed event.
   */
  async serviceQuality(merchantId?: string): Promise<ServiceQualityFigures> {
    await this.projections.serviceQuality(this.dataSource).catchUp();
    return this.serviceQualityQueries.figures(merchantId);
  }
}
