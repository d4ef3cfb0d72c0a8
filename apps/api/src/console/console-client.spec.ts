import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const SCHEMA = 'apps/console/src/api/schema.d.ts';

/** What `npm run console:client` writes: openapi-typescript of docs/openapi.json, formatted by prettier. */
function regenerated(): string {
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  const generated = execFileSync(bin('openapi-typescript'), ['docs/openapi.json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return execFileSync(bin('prettier'), ['--stdin-filepath', SCHEMA], {
    cwd: root,
    input: generated,
    encoding: 'utf8',
  });
}

describe("the console's API client", () => {
  it('is generated from the committed OpenAPI document (run `npm run console:client` when this fails)', () => {
    expect(readFileSync(join(root, SCHEMA), 'utf8')).toBe(regenerated());
  }, 60_000);
});
