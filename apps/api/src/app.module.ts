import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RuntimeConfig } from '../../../libs/config/src';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from './auth/auth.guard';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { CarrierModule } from './carrier/carrier.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { ConsoleModule } from './console/console.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { RUNTIME_CONFIG } from './common/tokens';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ApiMetrics, HttpMetricsMiddleware } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OpsModule } from './ops/ops.module';
import { OrdersModule } from './orders/orders.module';
import { CasePolicyModule } from './policy/case-policy.provider';
import { SupplierReturnsModule } from './supplier-returns/supplier-returns.module';
import { TemporalModule } from './temporal/temporal.module';
import { WarehouseModule } from './warehouse/warehouse.module';

/** The API's root module, built from a validated runtime configuration. */
@Module({})
export class AppModule implements NestModule {
  /** Wires the modules with `config` (and `env` for the order system's URL); tests pass their own. */
  static forRoot(config: RuntimeConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TemporalModule,
        DatabaseModule,
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }],
          skipIf: () => config.rateLimitPerMinute === 0,
        }),
        CasePolicyModule,
        OrdersModule.forRoot(env),
        CasesModule,
        CarrierModule,
        WarehouseModule,
        SupplierReturnsModule,
        OpsModule,
        CodecModule,
        HealthModule,
        ConsoleModule,
      ],
      controllers: [MetricsController],
      providers: [
        { provide: RUNTIME_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        ApiMetrics,
      ],
      exports: [RUNTIME_CONFIG, ApiMetrics],
    };
  }

  /** Times every request for /metrics. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
