import { flag, onlyOptions, option, parseArgs, positionals, UsageError } from './cli-args';
import { renderFields, renderTable } from './table';

describe('the ops CLI command line', () => {
  it('splits the command, its arguments, valued options and flags', () => {
    const args = parseArgs(['replay', 'case-1', '--to', '42', '--reason=rolled back', '--record', '--json']);
    expect(args.command).toBe('replay');
    expect(positionals(args, 'caseId')).toEqual(['case-1']);
    expect(option(args, 'to')).toBe('42');
    expect(option(args, 'reason')).toBe('rolled back');
    expect(flag(args, 'record')).toBe(true);
    expect(flag(args, 'json')).toBe(true);
  });

  it('refuses an option without its value, missing or extra arguments, and unknown options', () => {
    expect(() => parseArgs(['reset', '--to'])).toThrow(UsageError);
    expect(() => parseArgs(['reset', '--to', '--reason', 'x'])).toThrow('--to needs a value');
    expect(() => positionals(parseArgs(['replay']), 'caseId')).toThrow('replay needs <caseId>');
    expect(() => positionals(parseArgs(['replay', 'a', 'b']), 'caseId')).toThrow('unexpected b');
    expect(() => onlyOptions(parseArgs(['stuck', '--limmit', '3']), 'limit')).toThrow('--limmit');
  });
});

describe('the ops CLI tables', () => {
  it('pads columns to their widest cell and cuts long cells but the last', () => {
    const long = 'x'.repeat(80);
    const table = renderTable(['A', 'B', 'DETAIL'], [['1', long, 'the whole detail, however long it is']]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^A\s+B\s+DETAIL$/);
    expect(lines[2]).toContain('…');
    expect(lines[2]).toContain('the whole detail, however long it is');
    expect(lines[2].indexOf('the whole')).toBe(lines[0].indexOf('DETAIL'));
  });

  it('aligns key and value fields', () => {
    expect(
      renderFields([
        ['case', 'c-1'],
        ['new run', 'r-2'],
      ]),
    ).toBe('case     c-1\nnew run  r-2');
  });
});
