import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { ImportOf } from './import-specifiers';

/** A module of the module table (DESIGN.md, "Module boundaries"). */
export type ModuleName =
  | 'libs/domain'
  | 'libs/definitions'
  | 'libs/config'
  | 'libs/codec'
  | 'libs/persistence'
  | 'libs/integrations'
  | 'workflows'
  | 'activities'
  | 'apps/api'
  | 'apps/worker'
  | 'apps/sandbox';

/** What one module may import. */
export interface ModuleRule {
  /** Modules of ours it may import (itself always). */
  modules: readonly ModuleName[];
  /** Modules of ours it may import types from only (erased at compile time). */
  typesFrom?: readonly ModuleName[];
  /** Files of another module it may import, when only some of that module's files are allowed. */
  filesOf?: Partial<Record<ModuleName, RegExp>>;
  /** Packages (and node built-ins as `node:*`) its code may import; any when omitted. */
  packages?: readonly string[];
  /** What its specs (`*.spec.ts`) may import besides. */
  specs?: { modules?: readonly ModuleName[]; packages?: readonly string[] };
}

const ALL_LIBS: readonly ModuleName[] = [
  'libs/domain',
  'libs/definitions',
  'libs/config',
  'libs/codec',
  'libs/persistence',
  'libs/integrations',
];

/** The files of `workflows/` a client may import: the definitions of updates, signals, queries, search attributes. */
const WORKFLOW_DEFINITIONS = /^workflows\/(?:[^/]+\.definitions|search-attributes)\.ts$/;

/**
 * DESIGN.md's table of who may import whom, plus libs/config, libs/codec and libs/definitions
 * (task-queue and failure-type names that workflows, activities and clients share).
 */
export const MODULE_TABLE: Readonly<Record<ModuleName, ModuleRule>> = {
  'libs/domain': {
    modules: [],
    packages: ['zod'],
    specs: { packages: ['fast-check', 'node:fs', 'node:path'] },
  },
  'libs/definitions': { modules: [], packages: [] },
  workflows: {
    modules: ['libs/domain', 'libs/definitions'],
    // proxyActivities<typeof activities>: the activities' types, never their code.
    typesFrom: ['activities'],
    packages: ['@temporalio/workflow', '@temporalio/common'],
  },
  activities: {
    modules: ALL_LIBS,
    packages: ['@temporalio/activity', '@temporalio/common'],
    specs: { packages: ['@temporalio/testing'] },
  },
  'libs/persistence': {
    modules: ['libs/domain'],
    packages: ['typeorm', 'pg', 'node:events', 'node:crypto'],
    specs: { packages: ['fast-check'] },
  },
  'libs/integrations': {
    modules: ['libs/domain'],
    packages: ['zod', 'node:http', 'node:net', 'node:crypto'],
    // Contract tests run the clients against the sandbox that plays the outside systems.
    specs: { modules: ['apps/sandbox'], packages: ['fast-check'] },
  },
  'libs/config': { modules: ['libs/domain', 'libs/definitions'], packages: ['zod', 'node:fs', 'node:path'] },
  'libs/codec': {
    modules: [],
    packages: ['@temporalio/common', '@temporalio/proto', 'node:crypto', 'node:fs', 'node:path'],
    specs: { packages: ['fast-check'] },
  },
  'apps/api': {
    modules: ALL_LIBS,
    filesOf: { workflows: WORKFLOW_DEFINITIONS },
  },
  'apps/worker': { modules: [...ALL_LIBS, 'workflows', 'activities'] },
  'apps/sandbox': { modules: [] },
};

/** The module a repository path (relative, `/`-separated) belongs to, or null outside the table. */
export function moduleOf(path: string): ModuleName | null {
  const [first, second] = path.split('/');
  const name = first === 'libs' || first === 'apps' ? `${first}/${second}` : first;
  return name in MODULE_TABLE ? (name as ModuleName) : null;
}

/** The package an import names (`@scope/name`, `name`, or `node:x` for a built-in), or null for a relative one. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const bare = name.replace(/^node:/, '');
  return builtinModules.includes(bare) ? `node:${bare}` : name;
}

/**
 * The imports of `file` (a repository path) that its module's rule forbids, each as
 * `file -> specifier (why)`. Files outside the table (scripts, test) are not checked.
 */
export function boundaryViolations(file: string, imports: readonly ImportOf[]): string[] {
  const from = moduleOf(file);
  if (from === null) return [];
  const rule = MODULE_TABLE[from];
  const spec = file.endsWith('.spec.ts');
  const modules = new Set<ModuleName>([from, ...rule.modules, ...(spec ? (rule.specs?.modules ?? []) : [])]);
  const packages =
    rule.packages && new Set([...rule.packages, ...(spec ? (rule.specs?.packages ?? []) : [])]);
  return imports.flatMap(({ specifier, typeOnly }) => {
    const why = (reason: string) => [`${file} -> ${specifier} (${reason})`];
    const pkg = packageOf(specifier);
    if (pkg !== null) return packages && !packages.has(pkg) ? why(`${from} may not import ${pkg}`) : [];
    const target = normalize(join(dirname(file), specifier))
      .split(sep)
      .join('/');
    if (target.startsWith('..')) return why('leaves the repository');
    const to = moduleOf(target);
    if (to === null) return why(`${from} may not import ${relative('.', target)}, outside the module table`);
    if (modules.has(to)) return [];
    if (typeOnly && rule.typesFrom?.includes(to)) return [];
    const files = rule.filesOf?.[to];
    if (files && files.test(`${target}.ts`)) return [];
    return why(`${from} may not import ${to}${files || rule.typesFrom?.includes(to) ? ' there' : ''}`);
  });
}
