/** A command line split into the command, its positional arguments and its `--options`. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  /** `--name value` as name → value; a flag without a value (`--json`) → true. */
  options: Map<string, string | true>;
}

/** A mistake in the command line: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** Options that never take a value. */
const FLAGS = new Set(['json', 'record', 'reset-attempts', 'help']);

/** Splits `argv` (without node and the script); `--name=value` and `--name value` both work. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2), '=');
    if (FLAGS.has(name)) {
      options.set(name, true);
      continue;
    }
    const value = inline ?? argv[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (inline === undefined) index += 1;
    options.set(name, value);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options };
}

/** The value of `--name`, or undefined. */
export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Whether the flag `--name` was given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

/** The positional arguments the command needs, named for the error message. */
export function positionals(args: ParsedArgs, ...names: string[]): string[] {
  if (args.positionals.length < names.length) {
    throw new UsageError(`${args.command} needs ${names.map((name) => `<${name}>`).join(' ')}`);
  }
  if (args.positionals.length > names.length) {
    throw new UsageError(`${args.command}: unexpected ${args.positionals.slice(names.length).join(' ')}`);
  }
  return args.positionals;
}

/** Refuses options the command does not know, so a typo is not silently ignored. */
export function onlyOptions(args: ParsedArgs, ...known: string[]): void {
  const allowed = new Set([...known, 'json', 'api', 'token', 'help']);
  for (const name of args.options.keys()) {
    if (!allowed.has(name)) throw new UsageError(`${args.command} does not take --${name}`);
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
