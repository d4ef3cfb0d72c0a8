import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('defines postgres, a PostgreSQL-backed temporal, temporal-ui, api, worker and sandbox', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'sandbox']),
    );
    expect(services.temporal.environment?.DB).toBe('postgres12');
    expect(services.temporal.environment?.POSTGRES_SEEDS).toBe('postgres');
  });

  it('pins every image to a version and only depends on services it defines', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image)
        expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/:\d/) });
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(Object.keys(services)).toContain(dependency);
    }
  });

  it('starts our apps from entry points the build produces', () => {
    const tsconfigBuild = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    for (const app of ['api', 'worker', 'sandbox']) {
      const entry = services[app].command?.[1] ?? '';
      expect(entry).toBe(`dist/apps/${app}/src/main.js`);
      expect(existsSync(join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      expect(tsconfigBuild.include).toContain('apps');
    }
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
  });

  it('gives api and worker the configuration the processes read', () => {
    for (const app of ['api', 'worker']) {
      const environment = services[app].environment ?? {};
      expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(String(environment.DATABASE_URL)).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(environment.AUTH_JWT_SECRET).toBeDefined();
      expect(environment.SANDBOX_URL).toBe('http://sandbox:4000');
    }
    expect(services.api.ports).toContain('3000:3000');
  });
});
