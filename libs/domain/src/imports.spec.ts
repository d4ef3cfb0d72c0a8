import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

const SPECIFIER =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The module specifiers a file imports or re-exports. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? match[3] ?? match[4]);
}

/** Whether a relative specifier of `file` stays inside libs/domain/src. */
function staysInDomain(file: string, specifier: string): boolean {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
  const target = relative(__dirname, resolve(dirname(file), specifier));
  return target !== '' && !target.startsWith('..');
}

describe('the boundary of libs/domain', () => {
  const files = sourceFiles(__dirname);
  const code = files.filter((file) => !file.endsWith('.spec.ts'));

  it('imports nothing outside itself except zod', () => {
    const offenders = code.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => !(specifier === 'zod' || staysInDomain(file, specifier)))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(code.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('tells a relative import inside the domain from one that leaves it', () => {
    const file = join(__dirname, 'decide', 'x.ts');
    expect(staysInDomain(file, '../case.state')).toBe(true);
    expect(staysInDomain(file, './decision')).toBe(true);
    expect(staysInDomain(file, '../../../../workflows/x')).toBe(false);
    expect(staysInDomain(file, '../../index')).toBe(false);
    expect(staysInDomain(file, '@temporalio/workflow')).toBe(false);
  });

  it('keeps the specs to the domain, zod, fast-check and node built-ins of this check', () => {
    const allowed = new Set(['zod', 'fast-check', 'fs', 'path']);
    const offenders = files
      .filter((file) => file.endsWith('.spec.ts'))
      .flatMap((file) =>
        specifiersOf(file)
          .filter((specifier) => !allowed.has(specifier) && !staysInDomain(file, specifier))
          .map((s) => `${file}: ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('uses no clock, randomness, environment or I/O in the code', () => {
    const forbidden =
      /Date\.now\(|new Date\(\)|Math\.random|process\.|require\(|setTimeout|setInterval|console\./;
    const offenders = code.filter((file) =>
      forbidden.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')),
    );
    expect(offenders).toEqual([]);
  });

  it('writes a doc comment above every export', () => {
    const missing = code.flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, index) => {
        if (!/^export (?:const|function|class|type|interface|abstract)/.test(line)) return [];
        let above = index - 1;
        while (above >= 0 && lines[above].trim() === '') above -= 1;
        return /\*\/\s*$/.test(lines[above] ?? '') ? [] : [`${file}:${index + 1} ${line}`];
      });
    });
    expect(missing).toEqual([]);
  });
});
