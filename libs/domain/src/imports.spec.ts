import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

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

describe('the boundary of libs/domain', () => {
  const files = sourceFiles(__dirname);
  const code = files.filter((file) => !file.endsWith('.spec.ts'));

  it('imports nothing outside itself except zod', () => {
    const offenders = code.flatMap((file) =>
      specifiersOf(file)
        .filter(
          (specifier) => !(specifier === 'zod' || (specifier.startsWith('./') && !specifier.includes('..'))),
        )
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(code.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('keeps the specs to the domain, zod, fast-check and node built-ins of this check', () => {
    const allowed = new Set(['zod', 'fast-check', 'fs', 'path']);
    const offenders = files
      .filter((file) => file.endsWith('.spec.ts'))
      .flatMap((file) =>
        specifiersOf(file)
          .filter((specifier) => !allowed.has(specifier) && !specifier.startsWith('./'))
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
