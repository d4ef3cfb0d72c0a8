import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { RuntimeConfig } from '../../../../libs/config/src';
import { AppModule } from '../app.module';
import { namedSchemas } from './openapi-components';

/** The OpenAPI document of the API's routes: served at /docs-json, committed as docs/openapi.json. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aftersales API')
      .setDescription('HTTP contract v1: after-sales cases as durable Temporal workflows.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...namedSchemas() },
  };
  return document;
}

/**
 * The same document without a running API: Nest's preview mode reads the routes' metadata and
 * builds no provider, so nothing connects to Temporal or PostgreSQL.
 */
export async function previewApiDocument(config: RuntimeConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: ['error'] });
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
