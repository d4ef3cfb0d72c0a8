import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** README.md and every docs/*.md, as repository paths. */
function documentationFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

/** The relative link targets of a markdown text (no URLs, no in-page anchors), without their `#anchor`. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]);
  return targets
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
    .map((target) => decodeURIComponent(target.split('#')[0]));
}

/** The links of `file` (a repository path) whose target is missing, each as `file -> target`. */
function brokenLinks(file: string, markdown: string, exists: (path: string) => boolean): string[] {
  return relativeLinks(markdown)
    .filter((target) => !exists(normalize(join(dirname(file), target))))
    .map((target) => `${file} -> ${target}`);
}

/** The numbered hops between the `<!-- hops` and `<!-- end of hops -->` markers, each with the paths it names. */
function hopsOf(markdown: string): Array<{ hop: number; paths: string[] }> {
  const section = /<!-- hops[^]*?-->([^]*?)<!-- end of hops -->/.exec(markdown)?.[1] ?? '';
  return section
    .split(/\n(?=\d+\. )/)
    .filter((entry) => /^\s*\d+\. /.test(entry))
    .map((entry) => ({
      hop: Number(/\d+/.exec(entry)?.[0]),
      paths: [...entry.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.[a-z]+)`/g)].map((match) => match[1]),
    }));
}

const existsInRepository = (path: string) => existsSync(join(ROOT, path));

describe('the documentation', () => {
  it('links only to files that exist in the repository (README.md and docs/*.md)', () => {
    const files = documentationFiles();
    expect(files).toEqual(
      expect.arrayContaining(['docs/architecture.md', 'docs/domain.md', 'docs/http-api.md']),
    );
    const broken = files.flatMap((file) =>
      brokenLinks(file, readFileSync(join(ROOT, file), 'utf8'), existsInRepository),
    );
    expect(broken).toEqual([]);
  });

  it('sends no reader outside the repository (no ../shared links)', () => {
    const outside = documentationFiles().flatMap((file) =>
      relativeLinks(readFileSync(join(ROOT, file), 'utf8'))
        .filter((target) => normalize(join(dirname(file), target)).startsWith('..'))
        .map((target) => `${file} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('walks one merchant decision in at most 10 hops, each naming files that exist', () => {
    const hops = hopsOf(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));
    expect(hops.length).toBeGreaterThanOrEqual(5);
    expect(hops.length).toBeLessThanOrEqual(10);
    expect(hops.map(({ hop }) => hop)).toEqual(hops.map((_, index) => index + 1));
    for (const { hop, paths } of hops) expect({ hop, named: paths.length > 0 }).toEqual({ hop, named: true });
    const missing = hops.flatMap(({ hop, paths }) =>
      paths.filter((path) => !existsInRepository(path)).map((path) => `hop ${hop}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  describe('the checker', () => {
    it('finds a relative link to a missing file, and leaves URLs and anchors alone', () => {
      const markdown =
        '[a](docs/there.md#part) [b](../shared/API.md) [c](https://example.com/x.md) [d](#top) [e](docs/x.md "title")';
      expect(relativeLinks(markdown)).toEqual(['docs/there.md', '../shared/API.md', 'docs/x.md']);
      expect(brokenLinks('README.md', markdown, (path) => path === 'docs/there.md')).toEqual([
        'README.md -> ../shared/API.md',
        'README.md -> docs/x.md',
      ]);
    });

    it('reads the hops and the paths each names, and nothing outside the markers', () => {
      const markdown = [
        '1. `apps/x.ts` before',
        '<!-- hops -->',
        '1. `apps/api/src/a.controller.ts`: calls',
        '   `apps/api/src/b.service.ts`.',
        '2. `libs/domain/src/c.decide.ts`: decides `MERCHANT_DECISION` in `decide()`.',
        '<!-- end of hops -->',
        '3. `workflows/late.ts`',
      ].join('\n');
      expect(hopsOf(markdown)).toEqual([
        { hop: 1, paths: ['apps/api/src/a.controller.ts', 'apps/api/src/b.service.ts'] },
        { hop: 2, paths: ['libs/domain/src/c.decide.ts'] },
      ]);
    });
  });
});
