import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { Connection } from '@temporalio/client';
import { RuntimeConfig } from '../../../../libs/config/src';
import { DATA_SOURCE, RUNTIME_CONFIG } from '../common/tokens';

/** The state of one dependency as `/health` reports it. */
export interface DependencyHealth {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

const PROBE_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /health`: 200 when Temporal and PostgreSQL answer, 503 naming the one that does not. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * Asks the frontend on a short-lived connection of its own: the shared connection's calls retry for
   * a long time while Temporal is down, which is right for business calls but not for a probe.
   */
  private async probeTemporal(): Promise<void> {
    const connection = await Connection.connect({
      address: this.config.temporalAddress,
      connectTimeout: PROBE_TIMEOUT_MS,
    });
    try {
      await connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
        connection.workflowService.getSystemInfo({}),
      );
    } finally {
      await connection.close();
    }
  }

  @Get()
  @ApiOperation({ summary: 'Checks Temporal and PostgreSQL (no auth)' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [temporal, database] = await Promise.all([
      probe(() => this.probeTemporal()),
      probe(() => this.dataSource.query('SELECT 1')),
    ]);
    const ok = temporal.status === 'up' && database.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', temporal, database };
  }
}
