import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';

/** How long one probe of Temporal may take. */
export const PROBE_TIMEOUT_MS = 3000;

/**
 * Probes Temporal's frontend for `/health` on one connection kept for the API's life. The connection
 * has no retry interceptor: a probe is one call under its own deadline, and no retry outlives it (the
 * business connection retries for a long time while Temporal is down, which is right there, not here).
 */
@Injectable()
export class TemporalProbe implements OnApplicationShutdown {
  /** The kept connection (lazy: the API starts while Temporal is down). */
  readonly connection: Connection;

  constructor(@Inject(RUNTIME_CONFIG) config: RuntimeConfig) {
    this.connection = Connection.lazy({ address: config.temporalAddress, interceptors: [] });
  }

  /** Resolves when the frontend answers within {@link PROBE_TIMEOUT_MS}. */
  probe(): Promise<unknown> {
    return this.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
      this.connection.workflowService.getSystemInfo({}),
    );
  }

  /** Closes the connection when Nest shuts down. */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
