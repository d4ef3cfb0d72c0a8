import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedOpenApiDocument, OPENAPI_DOCUMENT_PATH } from './openapi';

const ROOT = join(__dirname, '..');

describe('the committed OpenAPI document', () => {
  it('is what the API generates now (else run `npm run docs:openapi` and commit docs/openapi.json)', async () => {
    const committed: unknown = JSON.parse(readFileSync(join(ROOT, OPENAPI_DOCUMENT_PATH), 'utf8'));
    expect(committed).toEqual(await generatedOpenApiDocument());
  });
});
