import { option, parseArgs, ParsedArgs, UsageError } from './ops/cli-args';
import { COMMANDS, CommandIo } from './ops/commands';
import { ApiCallError, createOpsClient, DEFAULT_API_URL } from './ops/ops-client';

/** The help text of `npm run ops`. */
export function opsUsage(): string {
  return [
    'Operate after-sales cases through the HTTP API (as role ops).',
    '',
    'Usage: npm run ops -- <command> [arguments] [--json] [--api URL] [--token TOKEN]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
    '  help',
    '      this text',
    '',
    'Options:',
    '  --json          print the API answer as JSON instead of a table',
    `  --api URL       the API (default: AFTERSALES_API_URL, else ${DEFAULT_API_URL})`,
    '  --token TOKEN   an ops bearer token (default: OPS_TOKEN, else one signed with AUTH_JWT_SECRET or',
    '                  .data/dev-jwt-secret, subject OPS_ACTOR or ops-cli-<user>)',
    '',
    'Examples:',
    '  npm run ops -- stuck --silent-for PT2H',
    '  npm run ops -- retry-activity 8bbb4d1d-... 13 --reason "refund system is back"',
    '  npm run ops -- replay 8bbb4d1d-...',
    '  npm run ops -- reset 8bbb4d1d-... --to LAST_WORKFLOW_TASK --reason "rolled back release 42"',
    '  npm run ops -- rebuild',
  ].join('\n');
}

/**
 * Runs one ops command; answers the exit code: 0 done, 1 the API refused or failed, 2 a usage error.
 * Results go to `io.out`, errors and progress to `io.err`.
 */
export async function runOpsCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CommandIo = { out: (text) => console.log(text), err: (text) => console.error(text) },
): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return usageError(io, error);
  }
  if (!args.command || args.command === 'help' || args.options.get('help') === true) {
    io.out(opsUsage());
    return 0;
  }
  const command = COMMANDS[args.command];
  if (!command) return usageError(io, new UsageError(`unknown command ${args.command}`));
  try {
    const client = createOpsClient({ api: option(args, 'api'), token: option(args, 'token') }, env);
    await command.run(args, client, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error, command.usage);
    if (error instanceof ApiCallError) {
      io.err(`error: ${error.status ? `${error.status} ` : ''}${error.code}: ${error.message}`);
      for (const detail of error.details ?? []) io.err(`  ${JSON.stringify(detail)}`);
      return 1;
    }
    throw error;
  }
}

function usageError(io: CommandIo, error: unknown, usage?: string): number {
  io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  io.err(usage ? `usage: npm run ops -- ${usage}` : 'see: npm run ops -- help');
  return 2;
}

if (require.main === module) {
  runOpsCli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
