import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { consoleDirectory } from './console-directory';

/** The URL prefix the console is served under (Vite's `base`). */
export const CONSOLE_PREFIX = '/console';

/** Cache-Control per file: hashed assets for a year, everything else revalidated, dev tokens never kept. */
export function cacheControlOf(relativePath: string): string {
  if (relativePath === 'dev-identities.json') return 'no-store';
  if (relativePath.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/** The file of `urlPath` under the console, or null when the path leaves it. */
export function fileOf(urlPath: string): string | null {
  const rest = urlPath.slice(CONSOLE_PREFIX.length).replace(/^\/+/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const relative = normalize(decoded);
  if (relative.startsWith('..') || relative.includes(`${sep}..`) || relative.includes('\0')) return null;
  return relative === '.' ? '' : relative;
}

/**
 * Serves the built console (`dist/console`) under /console: its files with their cache headers, and
 * index.html for every other path without a file extension (the console's own routes). No bearer
 * token is needed for these static files; every API call of the console carries one.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root = consoleDirectory();

  use(request: Request, response: Response, next: NextFunction): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.originalUrl.split('?')[0];
    if (path !== CONSOLE_PREFIX && !path.startsWith(`${CONSOLE_PREFIX}/`)) return next();
    if (path === CONSOLE_PREFIX) return response.redirect(301, `${CONSOLE_PREFIX}/`);
    const relative = fileOf(path);
    if (relative === null) {
      response.status(400).json({ error: { code: 'VALIDATION_FAILED', message: 'bad console path' } });
      return;
    }
    if (!existsSync(join(this.root, 'index.html'))) {
      response.status(404).json({
        error: { code: 'NOT_FOUND', message: `the console is not built (${this.root}): run npm run build` },
      });
      return;
    }
    const file = join(this.root, relative);
    const isFile = relative !== '' && existsSync(file) && statSync(file).isFile();
    if (!isFile && extname(relative) !== '') {
      response.status(404).json({ error: { code: 'NOT_FOUND', message: `no console file ${relative}` } });
      return;
    }
    const served = isFile ? relative : 'index.html';
    response.setHeader('Cache-Control', cacheControlOf(served));
    response.sendFile(served, { root: this.root, dotfiles: 'deny', cacheControl: false }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  }
}
