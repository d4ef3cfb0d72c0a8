import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { RuntimeConfig } from '../../../libs/config/src';
import { AppModule } from './app.module';
import { apiDocument } from './common/openapi-document';

/** Builds the API application (not yet listening): modules, OpenAPI at /docs, graceful shutdown. */
export async function createApiApp(
  config: RuntimeConfig,
  logLevels: LogLevel[] = ['error', 'warn', 'log'],
  env: NodeJS.ProcessEnv = process.env,
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, env), { logger: logLevels });
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, apiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
