import { Module } from '@nestjs/common';
import { CarrierEventsController } from './carrier-events.controller';
import { CaseUpdateSender } from './case-update.sender';
import { trackingNumbersProvider } from './tracking-numbers.provider';

/** The carrier webhook, routed by the tracking-number table. */
@Module({
  controllers: [CarrierEventsController],
  providers: [CaseUpdateSender, trackingNumbersProvider],
  exports: [CaseUpdateSender, trackingNumbersProvider],
})
export class CarrierModule {}
