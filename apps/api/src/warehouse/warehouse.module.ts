import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WarehouseReceipts } from '../../../../libs/persistence/src';
import { CarrierModule } from '../carrier/carrier.module';
import { DATA_SOURCE } from '../common/tokens';
import { WarehouseReceiptsController } from './warehouse-receipts.controller';

/** The warehouse's dock receipts, matched to open cases by the tracking-number table. */
@Module({
  imports: [CarrierModule],
  controllers: [WarehouseReceiptsController],
  providers: [
    {
      provide: WarehouseReceipts,
      inject: [DATA_SOURCE],
      useFactory: (dataSource: DataSource) => new WarehouseReceipts(dataSource),
    },
  ],
})
export class WarehouseModule {}
