import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  caseViewProjection,
  CaseViewProjection,
  Projector,
  serviceQualityProjection,
} from '../../../../libs/persistence/src';

/** Injection token of the projections the ops rebuild replays. */
export const READ_MODEL_PROJECTIONS = Symbol('READ_MODEL_PROJECTIONS');

/** The read models of the log: the inline case views and the async projectors. */
export interface ReadModelProjections {
  caseViews: CaseViewProjection<unknown>;
  /** The async projectors, in the order they are rebuilt. */
  projectors(dataSource: DataSource): Projector[];
  /** The projector of the service-quality figures. */
  serviceQuality(dataSource: DataSource): Projector;
}

/** The shipped projections (tests may provide their own). */
export const readModelProjectionsProvider: Provider = {
  provide: READ_MODEL_PROJECTIONS,
  useValue: {
    caseViews: caseViewProjection,
    projectors: (dataSource) => [new Projector(dataSource, serviceQualityProjection)],
    serviceQuality: (dataSource) => new Projector(dataSource, serviceQualityProjection),
  } satisfies ReadModelProjections,
};
