import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TrackingNumbers } from '../../../../libs/persistence/src';
import { DATA_SOURCE } from '../common/tokens';

/** The tracking-number table (one open case per number), on the API's data source. */
export const trackingNumbersProvider: Provider = {
  provide: TrackingNumbers,
  inject: [DATA_SOURCE],
  useFactory: (dataSource: DataSource) => new TrackingNumbers(dataSource),
};
