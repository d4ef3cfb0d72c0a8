import { DynamicModule, Module } from '@nestjs/common';
import { OrderAllowancesService } from './order-allowances.service';
import { ORDER_SYSTEM, orderSystemFromEnv } from './order-system.provider';
import { OrdersController } from './orders.controller';

/** Orders: the order system's client (for opening cases too) and `GET /v1/orders/{orderId}/allowances`. */
@Module({})
export class OrdersModule {
  /** The module with the order system configured from `env` (`ORDER_SYSTEM_URL`, else the sandbox's). */
  static forRoot(env: Readonly<Record<string, string | undefined>>): DynamicModule {
    return {
      module: OrdersModule,
      global: true,
      controllers: [OrdersController],
      providers: [{ provide: ORDER_SYSTEM, useValue: orderSystemFromEnv(env) }, OrderAllowancesService],
      exports: [ORDER_SYSTEM],
    };
  }
}
