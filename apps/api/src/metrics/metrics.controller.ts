import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { ApiMetrics } from './metrics';

/** `GET /metrics`: Prometheus text exposition (no auth, like /health). */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  expose(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
