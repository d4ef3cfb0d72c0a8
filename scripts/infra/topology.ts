/** How Temporal runs locally: the CLI's one-process dev server, or Temporal's own server as a cluster. */
export const TEMPORAL_TOPOLOGIES = ['dev-server', 'server'] as const;

/** One of {@link TEMPORAL_TOPOLOGIES}. */
export type TemporalTopology = (typeof TEMPORAL_TOPOLOGIES)[number];

function parse(value: string, from: string): TemporalTopology {
  const found = TEMPORAL_TOPOLOGIES.find((topology) => topology === value);
  if (!found) throw new Error(`${from}=${value}: expected one of ${TEMPORAL_TOPOLOGIES.join(', ')}`);
  return found;
}

/**
 * The topology asked for: `--temporal=<topology>` on the command line, else TEMPORAL_TOPOLOGY, else
 * the dev server.
 */
export function temporalTopology(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): TemporalTopology {
  const flag = argv.find((arg) => arg.startsWith('--temporal='));
  if (flag) return parse(flag.slice('--temporal='.length), '--temporal');
  if (env.TEMPORAL_TOPOLOGY) return parse(env.TEMPORAL_TOPOLOGY, 'TEMPORAL_TOPOLOGY');
  return 'dev-server';
}
