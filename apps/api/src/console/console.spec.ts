import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { consoleDirectory } from './console-directory';
import { cacheControlOf, fileOf } from './console.middleware';
import { ConsoleModule } from './console.module';

describe('the console served under /console', () => {
  let dir: string;
  let app: INestApplication;
  const previous = process.env.CONSOLE_DIR;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aftersales-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    process.env.CONSOLE_DIR = dir;
    const moduleRef = await Test.createTestingModule({ imports: [ConsoleModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.CONSOLE_DIR;
    else process.env.CONSOLE_DIR = previous;
  });

  it('serves index.html for the console routes (SPA fallback), revalidated on every load', async () => {
    for (const path of ['/console/', '/console/warehouse', '/console/cases/c-123']) {
      const answer = await request(app.getHttpServer()).get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(answer.headers['content-type']).toMatch(/text\/html/);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable and answers 404 for a missing file', async () => {
    const asset = await request(app.getHttpServer()).get('/console/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const missing = await request(app.getHttpServer()).get('/console/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('has no dev identities unless the dev script wrote them, and never caches them', async () => {
    expect((await request(app.getHttpServer()).get('/console/dev-identities.json')).status).toBe(404);
    writeFileSync(join(dir, 'dev-identities.json'), '{"identities":[]}');
    const written = await request(app.getHttpServer()).get('/console/dev-identities.json');
    expect(written.status).toBe(200);
    expect(written.headers['cache-control']).toBe('no-store');
    rmSync(join(dir, 'dev-identities.json'));
  });

  it('redirects /console to /console/ and refuses paths that leave the folder', async () => {
    const bare = await request(app.getHttpServer()).get('/console');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/console/');
    expect(fileOf('/console/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(fileOf('/console/assets/a.js')).toBe('assets/a.js');
    const escaping = await request(app.getHttpServer()).get('/console/%2e%2e%2fpackage.json');
    expect(escaping.status).toBe(400);
  });

  it('leaves other paths to the API', async () => {
    expect((await request(app.getHttpServer()).get('/consoles')).status).toBe(404);
    expect((await request(app.getHttpServer()).get('/v1/cases')).status).toBe(404);
  });

  it('finds dist/console under the repository root, or CONSOLE_DIR', () => {
    expect(consoleDirectory({}, __dirname)).toBe(join(__dirname, '..', '..', '..', '..', 'dist', 'console'));
    expect(consoleDirectory({ CONSOLE_DIR: '/srv/console' })).toBe('/srv/console');
    expect(cacheControlOf('index.html')).toBe('no-cache');
  });
});
