import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Policy } from '../../../../libs/domain/src';
import { ServiceQualityQueries, ServiceQualitySeriesQueries } from '../../../../libs/persistence/src';
import type { TokenClaims } from '../auth/tokens';
import { forbiddenOwner } from '../common/case-access';
import { DATA_SOURCE } from '../common/tokens';
import { CASE_POLICY } from '../policy/case-policy.token';
import { READ_MODEL_PROJECTIONS, ReadModelProjections } from './read-model-projections.provider';
import { ServiceQualityAnswer } from './service-quality.responses';
import { ServiceQualityQuery, seriesRange } from './service-quality.schemas';

/** The service-quality figures: ops read any merchant's (or the totals), a merchant its own shop's. */
@Injectable()
export class ServiceQualityService {
  private readonly figures: ServiceQualityQueries;
  private readonly series: ServiceQualitySeriesQueries;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(READ_MODEL_PROJECTIONS) private readonly projections: ReadModelProjections,
    @Inject(CASE_POLICY) private readonly policy: Policy,
  ) {
    this.figures = new ServiceQualityQueries(dataSource);
    this.series = new ServiceQualitySeriesQueries(dataSource);
  }

  /**
   * The figures so far and, when asked, per bucket of a range in the policy's time zone. The query is
   * checked before anything is read; the projector catches up first (a no-op while another instance
   * holds its lock), so the figures include every committed event.
   */
  async read(caller: TokenClaims, query: ServiceQualityQuery): Promise<ServiceQualityAnswer> {
    const merchantId = this.merchantOf(caller, query.merchantId);
    const range = seriesRange(query, this.policy.timeZone, new Date());
    await this.projections.serviceQuality(this.dataSource).catchUp();
    const figures = await this.figures.figures(merchantId);
    if (!range) return figures;
    return {
      ...figures,
      series: await this.series.series({ ...range, merchantId, timeZone: this.policy.timeZone }),
    };
  }

  /** The merchant whose figures are read: a merchant's own (403 for another's), any for ops. */
  private merchantOf(caller: TokenClaims, asked: string | undefined): string | undefined {
    if (caller.role !== 'merchant') return asked;
    if (!caller.merchantId || (asked !== undefined && asked !== caller.merchantId)) {
      throw forbiddenOwner("a merchant reads its own shop's figures only");
    }
    return caller.merchantId;
  }
}
