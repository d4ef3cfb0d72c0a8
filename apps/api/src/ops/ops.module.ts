import { Module } from '@nestjs/common';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { readModelProjectionsProvider } from './read-model-projections.provider';

/** Ops endpoints that exist by now (stuck cases, replay and reset come with their own issue). */
@Module({ controllers: [OpsController], providers: [OpsService, readModelProjectionsProvider] })
export class OpsModule {}
