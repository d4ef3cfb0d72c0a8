import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewApiDocument } from '../apps/api/src/common/openapi-document';
import { loadRuntimeConfig } from '../libs/config/src';
import { projectRoot } from './infra/project-root';

/** Where the committed OpenAPI document lives, relative to the repository root. */
export const OPENAPI_DOCUMENT_PATH = 'docs/openapi.json';

/** The API's OpenAPI document as JSON data (what JSON.parse gives back of the committed file). */
export async function generatedOpenApiDocument(): Promise<unknown> {
  return JSON.parse(JSON.stringify(await previewApiDocument(loadRuntimeConfig({}))));
}

/** `npm run docs:openapi`: writes docs/openapi.json from the API's routes (starting no server), as prettier formats it. */
async function main(): Promise<void> {
  // Loaded here only: prettier's CommonJS entry needs dynamic import(), which jest's VM lacks.
  const { format, resolveConfig } = await import('prettier');
  const file = join(projectRoot(), OPENAPI_DOCUMENT_PATH);
  const text = JSON.stringify(await generatedOpenApiDocument());
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), parser: 'json' }));
  console.log(`[openapi] wrote ${OPENAPI_DOCUMENT_PATH}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[openapi] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
