import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ZodType } from 'zod';
import { caseViewSchema } from '../cases/case-view.schema';
import { namedSchema, SchemaRef } from './openapi-components';
import { openApiSchema } from './openapi-schema';

/** API.md's error body. */
export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', example: 'VALIDATION_FAILED' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', example: { field: 'items.0.quantity', message: 'Too small' } },
        },
        currentStatus: { type: 'string', description: 'The case status, on a 409.' },
      },
    },
  },
};

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid input: `details` lists each failing field (or the domain rule that refused it).',
  401: 'No bearer token, or a bad one.',
  403: 'The role may not call this, or the caller does not own the case.',
  404: 'No such case (or shipment, or batch).',
  409: 'Not allowed in the current state: `currentStatus` names it.',
  422: 'A rule refuses it whatever the state (`OUT_OF_WINDOW`, `NOT_ELIGIBLE`).',
  429: 'Rate limited.',
};

/** Documents the error answers of a route, each with API.md's error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ...[401, 429, ...statuses].map((status) =>
      ApiResponse({ status, description: ERROR_MEANINGS[status] ?? 'Error.', schema: ERROR_SCHEMA }),
    ),
  );
}

/** Documents a JSON body by the zod schema that validates it. */
export function ApiZodBody(schema: ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: openApiSchema(schema), description });
}

/** The case view of API.md (fields may be added): the `CaseView` component (cases/case-view.schema.ts). */
export const CASE_VIEW_SCHEMA: SchemaRef = namedSchema('CaseView', caseViewSchema);
