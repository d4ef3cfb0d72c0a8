import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, ZodType } from 'zod';

// Response bodies are named components, so a client generated from /docs-json (openapi-typescript)
// gets a type per body (`components['schemas']['CaseView']`) instead of `unknown`.
const components = new Map<string, SchemaObject>();

/** The OpenAPI 3.0 schema of what a zod schema gives back (an answer's shape, not a body's input). */
export function openApiOutputSchema(schema: ZodType): SchemaObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return json as SchemaObject;
}

/** A reference to a component, usable wherever a schema goes (`@ApiResponse({ schema })`, `items`). */
export type SchemaRef = SchemaObject & ReferenceObject;

/**
 * Registers `schema` (zod, or an OpenAPI schema that may refer to other components) as the
 * component `name` of the OpenAPI document and answers a reference to it; registering the same name
 * twice with another schema is a programming error.
 */
export function namedSchema(name: string, schema: ZodType | SchemaObject): SchemaRef {
  const json = '_zod' in schema ? openApiOutputSchema(schema as ZodType) : (schema as SchemaObject);
  const known = components.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(json)) {
    throw new Error(`OpenAPI component ${name} is registered twice with different schemas`);
  }
  components.set(name, json);
  return { $ref: `#/components/schemas/${name}` } as SchemaRef;
}

/** Every registered component, by name (sorted, so the generated document is stable). */
export function namedSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
