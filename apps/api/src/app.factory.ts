import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { RuntimeConfig } from '../../../libs/config/src';
import { AppModule } from './app.module';

/** Builds the API application (not yet listening): modules, OpenAPI at /docs, graceful shutdown. */
export async function createApiApp(
  config: RuntimeConfig,
  logLevels: LogLevel[] = ['error', 'warn', 'log'],
  env: NodeJS.ProcessEnv = process.env,
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, env), { logger: logLevels });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aftersales API')
      .setDescription('HTTP contract v1: after-sales cases as durable Temporal workflows.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
