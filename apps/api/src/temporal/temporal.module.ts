import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '../../../../libs/codec/src';
import { RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';

/**
 * Owns the API's one gRPC connection to Temporal; connects lazily so the API starts while Temporal is
 * down. Payloads are encrypted with the configured keys (a bad key stops the API at start-up).
 */
@Injectable()
export class TemporalConnection implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(RUNTIME_CONFIG) config: RuntimeConfig) {
    this.connection = Connection.lazy({ address: config.temporalAddress });
    this.client = new Client({
      connection: this.connection,
      namespace: config.temporalNamespace,
      dataConverter: dataConverterFor(config),
    });
  }

  /** Closes the connection when Nest shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** Our own thin Temporal client module: one connection and client for the whole API. */
@Global()
@Module({ providers: [TemporalConnection], exports: [TemporalConnection] })
export class TemporalModule {}
