import { TestInfra } from './test-infra';

/** Stops what the global setup started, database first so no connection outlives Temporal's. */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as TestInfra).__aftersalesInfraStops ?? [];
  for (const stop of stops) await stop();
}
