import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importsOfFile, importsOfSource } from './import-specifiers';
import { boundaryViolations, MODULE_TABLE, ModuleName, moduleOf, packageOf } from './module-table';

const ROOT = join(__dirname, '..', '..');

/** Every .ts file under a repository folder (relative, `/`-separated), skipping what is not source. */
function tsFilesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const violationsOf = (file: string, source: string) =>
  boundaryViolations(file, importsOfSource(file, source));

describe('the module boundaries of DESIGN.md', () => {
  const modules = Object.keys(MODULE_TABLE) as ModuleName[];
  const files = modules.flatMap(tsFilesUnder);

  it('holds for every import of every file of every module in the table', () => {
    for (const module of modules) {
      expect(files.filter((file) => moduleOf(file) === module).length).toBeGreaterThan(0);
    }
    const violations = files.flatMap((file) => boundaryViolations(file, importsOfFile(join(ROOT, file))));
    expect(violations).toEqual([]);
  });

  it('keeps the relative imports of workflows/ (the workflow bundler follows no path aliases)', () => {
    const aliased = tsFilesUnder('workflows').flatMap((file) =>
      importsOfFile(join(ROOT, file))
        .filter(
          ({ specifier }) =>
            /^(?:libs|apps|workflows|activities)\//.test(specifier) || specifier.startsWith('@/'),
        )
        .map(({ specifier }) => `${file} -> ${specifier}`),
    );
    expect(aliased).toEqual([]);
  });

  describe('the checker', () => {
    it('refuses an activity that imports a workflow file', () => {
      expect(
        violationsOf(
          'activities/x.activity.ts',
          `import { APPEND_REJECTED } from '../workflows/failure-types';`,
        ),
      ).toEqual([
        'activities/x.activity.ts -> ../workflows/failure-types (activities may not import workflows)',
      ]);
    });

    it('refuses the domain importing Temporal, a framework or another module of ours', () => {
      expect(
        violationsOf(
          'libs/domain/src/decide/x.ts',
          [
            `import { proxyActivities } from '@temporalio/workflow';`,
            `import { Injectable } from '@nestjs/common';`,
            `import type { EventStore } from '../../../persistence/src';`,
            `import { Money } from '../money';`,
            `import { z } from 'zod';`,
          ].join('\n'),
        ),
      ).toEqual([
        'libs/domain/src/decide/x.ts -> @temporalio/workflow (libs/domain may not import @temporalio/workflow)',
        'libs/domain/src/decide/x.ts -> @nestjs/common (libs/domain may not import @nestjs/common)',
        'libs/domain/src/decide/x.ts -> ../../../persistence/src (libs/domain may not import libs/persistence)',
      ]);
    });

    it("lets workflows import the activities' types but not their code", () => {
      const file = 'workflows/case-activities.ts';
      expect(
        violationsOf(file, `import type { CarrierActivities } from '../activities/carrier.activities';`),
      ).toEqual([]);
      expect(
        violationsOf(file, `import { type CarrierActivities } from '../activities/carrier.activities';`),
      ).toEqual([]);
      expect(
        violationsOf(file, `import { createCarrierActivities } from '../activities/carrier.activities';`),
      ).toEqual([
        'workflows/case-activities.ts -> ../activities/carrier.activities (workflows may not import activities there)',
      ]);
      expect(
        violationsOf(file, `const activities = require('../activities/carrier.activities');`),
      ).toHaveLength(1);
      expect(violationsOf(file, `export * from '../activities/carrier.activities';`)).toHaveLength(1);
    });

    it('lets the API import the workflow definitions only', () => {
      const file = 'apps/api/src/cases/x.service.ts';
      expect(
        violationsOf(
          file,
          `import { caseWorkflowId } from '../../../../workflows/after-sales-case.definitions';`,
        ),
      ).toEqual([]);
      expect(
        violationsOf(
          file,
          `import { CASE_STATUS_ATTRIBUTE } from '../../../../workflows/search-attributes';`,
        ),
      ).toEqual([]);
      expect(
        violationsOf(
          file,
          `import { afterSalesCaseWorkflow } from '../../../../workflows/after-sales-case.workflow';`,
        ),
      ).toEqual([
        'apps/api/src/cases/x.service.ts -> ../../../../workflows/after-sales-case.workflow (apps/api may not import workflows there)',
      ]);
      expect(
        violationsOf(
          file,
          `import { createSupplierActivities } from '../../../../activities/supplier.activities';`,
        ),
      ).toHaveLength(1);
    });

    it('keeps the sandbox to its own code, and lets only the integration specs use it', () => {
      expect(
        violationsOf('apps/sandbox/src/x.ts', `import { Money } from '../../../libs/domain/src';`),
      ).toHaveLength(1);
      expect(
        violationsOf(
          'libs/integrations/src/x.spec.ts',
          `import { startSandbox } from '../../../apps/sandbox/src/sandbox';`,
        ),
      ).toEqual([]);
      expect(
        violationsOf(
          'libs/integrations/src/x.ts',
          `import { startSandbox } from '../../../apps/sandbox/src/sandbox';`,
        ),
      ).toHaveLength(1);
    });

    it('finds dynamic imports and imports of files outside the table', () => {
      expect(
        violationsOf('libs/persistence/src/x.ts', `const m = await import('../../../scripts/dev');`),
      ).toEqual([
        'libs/persistence/src/x.ts -> ../../../scripts/dev (libs/persistence may not import scripts/dev, outside the module table)',
      ]);
    });

    it('names packages, scoped packages and node built-ins', () => {
      expect(packageOf('zod')).toBe('zod');
      expect(packageOf('@temporalio/workflow/lib/x')).toBe('@temporalio/workflow');
      expect(packageOf('fs')).toBe('node:fs');
      expect(packageOf('node:crypto')).toBe('node:crypto');
      expect(packageOf('./local')).toBeNull();
    });

    it('leaves scripts and tests, which may import anything, unchecked', () => {
      expect(moduleOf('scripts/dev.ts')).toBeNull();
      expect(violationsOf('test/e2e/x.test.ts', `import { x } from '../../apps/worker/src/main';`)).toEqual(
        [],
      );
    });
  });
});
