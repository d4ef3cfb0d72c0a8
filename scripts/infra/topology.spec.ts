import { temporalTopology } from './topology';

describe('temporalTopology', () => {
  it('is the dev server unless asked otherwise', () => {
    expect(temporalTopology([], {})).toBe('dev-server');
  });

  it('takes TEMPORAL_TOPOLOGY, and --temporal= over it', () => {
    expect(temporalTopology([], { TEMPORAL_TOPOLOGY: 'server' })).toBe('server');
    expect(temporalTopology(['--temporal=dev-server'], { TEMPORAL_TOPOLOGY: 'server' })).toBe('dev-server');
    expect(temporalTopology(['--cases', '10', '--temporal=server'], {})).toBe('server');
  });

  it('refuses an unknown topology, naming where it came from', () => {
    expect(() => temporalTopology(['--temporal=k8s'], {})).toThrow(
      '--temporal=k8s: expected one of dev-server, server',
    );
    expect(() => temporalTopology([], { TEMPORAL_TOPOLOGY: 'cluster' })).toThrow(
      /^TEMPORAL_TOPOLOGY=cluster/,
    );
  });
});
