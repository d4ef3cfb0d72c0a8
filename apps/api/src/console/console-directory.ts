import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the built console is: CONSOLE_DIR, else `dist/console` under the repository root (the nearest
 * folder above this file holding package.json), where `npm run build` writes it.
 */
export function consoleDirectory(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.CONSOLE_DIR) return resolve(env.CONSOLE_DIR);
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from, 'dist', 'console');
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}
