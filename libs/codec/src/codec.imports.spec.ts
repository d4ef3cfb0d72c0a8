import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ALLOWED = new Set(['node:crypto', '@temporalio/common', '@temporalio/proto']);
const SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('the boundary of libs/codec', () => {
  const code = readdirSync(__dirname)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => ({ name, text: readFileSync(join(__dirname, name), 'utf8') }));

  it('imports only its own files, node crypto and the Temporal SDK common/proto packages', () => {
    const offenders = code.flatMap(({ name, text }) =>
      [...text.matchAll(SPECIFIER)]
        .map((match) => match[1] ?? match[2])
        .filter((specifier) => !ALLOWED.has(specifier) && !/^\.\/[^/]+$/.test(specifier))
        .map((specifier) => `${name}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('puts a doc comment on every export', () => {
    const undocumented = code.flatMap(({ name, text }) => {
      const lines = text.split('\n');
      return lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /^export (?:abstract )?(?:class|function|const|interface|type) /.test(line))
        .filter(({ index }) => !/\*\/\s*$/.test(lines[index - 1] ?? ''))
        .map(({ line }) => `${name}: ${line}`);
    });
    expect(undocumented).toEqual([]);
  });
});
