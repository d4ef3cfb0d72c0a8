import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CodecController } from './codec.controller';

/** Temporal's codec server on the API (`/codec/encode`, `/codec/decode`), with CORS for the Temporal UI. */
@Module({ controllers: [CodecController] })
export class CodecModule implements NestModule {
  /** Puts CORS (and preflight answers) in front of every `/codec` route. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
