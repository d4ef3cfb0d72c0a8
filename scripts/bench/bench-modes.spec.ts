import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchOptions } from './bench-options';
import { CaseOutcome } from './case-paths';
import { summarizeHeapGrowth, summarizeSnapshot } from './heap-summary';
import { steadyArrivals } from './open-loop-phase';
import { keepOtherRunsSections, replaceSection } from './report-sections';

describe('npm run bench: the open-loop and memory modes', () => {
  it('reads the open-loop flags, and runs no tunings in a mode', () => {
    const options = parseBenchOptions(['--rate', '2,4.5', '--duration=30'], {});
    expect(options).toMatchObject({
      openLoop: { rates: [2, 4.5], fractionsOfBaseline: [], durationS: 30 },
      tunings: false,
    });
    expect(parseBenchOptions(['--rate-of-baseline', '0.5,0.8'], {})).toMatchObject({
      openLoop: { rates: [], fractionsOfBaseline: [0.5, 0.8], durationS: 60 },
    });
    expect(parseBenchOptions([], {})).toMatchObject({ openLoop: undefined, memory: undefined });
  });

  it('reads the memory flags', () => {
    expect(parseBenchOptions(['--memory', '1000,5000,10000', '--heap-snapshot'], {})).toMatchObject({
      memory: { sizes: [1000, 5000, 10000], actions: 50, concurrency: 8, heapSnapshot: true },
      tunings: false,
    });
    expect(
      parseBenchOptions(['--memory=200', '--memory-actions', '20', '--memory-concurrency', '4'], {}),
    ).toMatchObject({ memory: { sizes: [200], actions: 20, concurrency: 4, heapSnapshot: false } });
  });

  it.each([
    [['--rate', '0'], /--rate/],
    [['--rate', 'fast'], /--rate/],
    [['--rate-of-baseline', '3'], /--rate-of-baseline/],
    [['--duration', '30'], /--duration: needs --rate/],
    [['--rate', '2', '--duration', '0'], /--duration/],
    [['--memory', '1000,500'], /--memory: the counts must grow/],
    [['--memory', '10.5'], /--memory: expected whole counts/],
    [['--memory-actions', '5'], /--memory-actions: needs --memory/],
    [['--heap-snapshot'], /--heap-snapshot: needs --memory/],
    [['--memory', '100', '--memory-concurrency', '0'], /--memory-concurrency/],
  ])('refuses %j naming the flag', (argv, message) => {
    expect(() => parseBenchOptions(argv, {})).toThrow(message);
  });

  it('starts every arrival on its schedule without waiting for the earlier cases to finish', async () => {
    const started: number[] = [];
    let release: () => void = () => undefined;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const begin = performance.now();
    const run = steadyArrivals(50, 0.2, async (index): Promise<CaseOutcome> => {
      started.push(performance.now() - begin);
      if (started.length === 10) release();
      await allStarted; // no case finishes before the last one has started
      return { index, path: 'fresh-refund', completedAt: Date.now() };
    });
    const { outcomes, late } = await run;
    expect(outcomes.map((outcome) => outcome.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(late).toBe(0);
    // Arrival i is not sent before i ÷ rate.
    started.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(i * 20 - 1));
  });

  it("keeps the modes' and the rebuild's sections when a burst run rewrites the report", () => {
    const old = [
      '# Benchmarks',
      '',
      'old head',
      '',
      '## Figures',
      '',
      'old figures',
      '',
      '## Memory at scale',
      '',
      'memory table',
      '',
      '## Rebuild',
      '',
      'rebuild figures',
      '',
    ].join('\n');
    const merged = keepOtherRunsSections('# Benchmarks\n\nnew head\n\n## Figures\n\nnew figures\n', old);
    expect(merged).toBe(
      '# Benchmarks\n\nnew head\n\n## Figures\n\nnew figures\n\n## Memory at scale\n\nmemory table\n\n' +
        '## Rebuild\n\nrebuild figures\n',
    );
  });

  it("replaces a mode's own section only, or puts it before the method", () => {
    const doc = '# B\n\nhead\n\n## Figures\n\nf\n\n## Open-loop latency\n\nold\n\n## Rebuild\n\nr\n';
    expect(replaceSection(doc, 'Open-loop latency', '## Open-loop latency\n\nnew\n')).toBe(
      '# B\n\nhead\n\n## Figures\n\nf\n\n## Open-loop latency\n\nnew\n\n## Rebuild\n\nr\n',
    );
    expect(
      replaceSection('# B\n\n## Figures\n\nf\n\n## Method\n\nm\n', 'Memory', '## Memory at scale\n\nx'),
    ).toBe('# B\n\n## Figures\n\nf\n\n## Memory at scale\n\nx\n\n## Method\n\nm\n');
    expect(replaceSection(undefined, 'Memory', '## Memory at scale\n\nx\n')).toBe(
      '# Benchmarks\n\n## Memory at scale\n\nx\n',
    );
  });

  it('summarises heap snapshots by kind of object and divides the growth by the cached workflows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heap-summary-'));
    const snapshot = (nodes: number[]) => {
      const file = join(dir, `${nodes.length}-${Math.random()}.heapsnapshot`);
      writeFileSync(
        file,
        JSON.stringify({
          snapshot: {
            meta: {
              node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
              node_types: [['hidden', 'object', 'closure', 'string']],
            },
          },
          nodes,
          strings: ['ZodObject', 'decide', 'abc'],
        }),
      );
      return file;
    };
    // type, name, id, self_size, edge_count
    const before = snapshot([1, 0, 1, 100, 0, 3, 2, 2, 40, 0]);
    const after = snapshot([
      1, 0, 1, 100, 0, 1, 0, 3, 300, 0, 1, 0, 4, 300, 0, 2, 1, 5, 64, 0, 3, 2, 6, 40, 0,
    ]);
    expect(summarizeSnapshot(after).get('ZodObject')).toEqual({ bytes: 700, count: 3 });
    const growth = summarizeHeapGrowth(before, after, 2);
    expect(growth.bytesPerWorkflow).toBe(332);
    expect(growth.top[0]).toEqual({ kind: 'ZodObject', bytesPerWorkflow: 300, countPerWorkflow: 1 });
    expect(growth.top[1]).toEqual({ kind: 'closure decide', bytesPerWorkflow: 32, countPerWorkflow: 0.5 });
    expect(existsSync(before) || existsSync(after)).toBe(false);
  });
});
