import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CarrierEventsController } from './carrier-events.controller';

/** The carrier webhook. */
@Module({ imports: [CasesModule], controllers: [CarrierEventsController] })
export class CarrierModule {}
