import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuntimeConfig } from '../../../../libs/config/src';
import { initDatabase } from '../../../../libs/persistence/src';
import { DATA_SOURCE, RUNTIME_CONFIG } from '../common/tokens';

/** Closes the data source when Nest shuts down. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Connects to PostgreSQL and runs pending migrations before the API serves requests. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => initDatabase(config.databaseUrl),
    },
    DataSourceCloser,
  ],
  exports: [DATA_SOURCE],
})
export class DatabaseModule {}
