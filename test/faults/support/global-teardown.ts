import { FaultInfra } from './fault-infra';

/** Stops the PostgreSQL server of the fault suite. */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as FaultInfra).__aftersalesFaultInfraStops ?? [];
  for (const stop of stops) await stop();
}
