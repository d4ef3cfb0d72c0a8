import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { TemporalProbe } from './temporal-probe';

/** `GET /health` and the kept connection it probes Temporal on. */
@Module({ controllers: [HealthController], providers: [TemporalProbe], exports: [TemporalProbe] })
export class HealthModule {}
