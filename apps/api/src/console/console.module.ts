import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleMiddleware } from './console.middleware';

/** The web console, served from `dist/console` under /console (apps/console, built by `npm run build`). */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ConsoleMiddleware)
      .forRoutes(
        { path: 'console', method: RequestMethod.ALL },
        { path: 'console/*path', method: RequestMethod.ALL },
      );
  }
}
