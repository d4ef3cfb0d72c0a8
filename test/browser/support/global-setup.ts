import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import integrationSetup from '../../setup/global-setup';
import { chromiumPath } from './chromium';

const projectRoot = resolve(__dirname, '..', '..', '..');

/**
 * The integration setup (one Temporal dev server and one PostgreSQL for the run), once the built
 * console and Chromium are known to be there: `npm run test:browser` builds first.
 */
export default async function globalSetup(): Promise<void> {
  const index = join(projectRoot, 'dist', 'console', 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: run \`npm run test:browser\` (it builds the console first)`);
  }
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(`no Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  await integrationSetup();
}
