/** What the global setup leaves for the global teardown (both run in jest's parent process). */
export type TestInfra = typeof globalThis & { __aftersalesInfraStops?: Array<() => Promise<void>> };
