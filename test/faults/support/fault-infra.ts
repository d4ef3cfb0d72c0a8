/** What the fault suite's global setup leaves for its teardown (both run in jest's parent process). */
export type FaultInfra = typeof globalThis & { __aftersalesFaultInfraStops?: Array<() => Promise<void>> };
