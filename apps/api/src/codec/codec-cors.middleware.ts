import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RuntimeConfig } from '../../../../libs/config/src';
import { RUNTIME_CONFIG } from '../common/tokens';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1'];

/** The browser origins of the configured Temporal UI: its own, and its loopback twin (localhost / 127.0.0.1). */
export function temporalUiOrigins(temporalUiUrl: string | undefined): string[] {
  if (!temporalUiUrl) return [];
  const url = new URL(temporalUiUrl);
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [url.origin];
  return LOOPBACK_NAMES.map((hostname) => {
    const twin = new URL(url.origin);
    twin.hostname = hostname;
    return twin.origin;
  });
}

/**
 * CORS for the codec server: the Temporal UI (TEMPORAL_UI_URL) calls `/codec/*` from the browser, with
 * its access token when configured. Other origins get no CORS headers (the browser refuses them);
 * preflights are answered here, before authentication.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: string[];

  constructor(@Inject(RUNTIME_CONFIG) config: RuntimeConfig) {
    this.origins = temporalUiOrigins(config.temporalUiUrl);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    if (origin && this.origins.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Vary', 'Origin');
      if (request.method === 'OPTIONS') {
        response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
        response.setHeader(
          'Access-Control-Allow-Headers',
          request.headers['access-control-request-headers'] ?? 'Content-Type, X-Namespace, Authorization',
        );
        response.setHeader('Access-Control-Max-Age', '600');
      }
    }
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next();
  }
}
