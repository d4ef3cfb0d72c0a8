import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { z } from 'zod';
import { namedSchema } from '../common/openapi-components';
import { DATA_SOURCE } from '../common/tokens';
import { PROBE_TIMEOUT_MS, TemporalProbe } from './temporal-probe';

/** The state of one dependency as `/health` reports it. */
export interface DependencyHealth {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

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

const dependency = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.int(),
  error: z.string().optional(),
});
const HEALTH_SCHEMA = namedSchema(
  'Health',
  z.object({ status: z.enum(['ok', 'degraded']), temporal: dependency, database: dependency }),
);

/** `GET /health`: 200 when Temporal and PostgreSQL answer, 503 naming the one that does not. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly temporal: TemporalProbe,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Checks Temporal and PostgreSQL (no auth)' })
  @ApiResponse({ status: 200, description: 'Both answer.', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'One does not: its `error`.', schema: HEALTH_SCHEMA })
  async health(@Res({ passthrough: true }) response: Response) {
    const [temporal, database] = await Promise.all([
      probe(() => this.temporal.probe()),
      probe(() => this.dataSource.query('SELECT 1')),
    ]);
    const ok = temporal.status === 'up' && database.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', temporal, database };
  }
}
