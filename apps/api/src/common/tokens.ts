/** Injection token of the validated {@link RuntimeConfig}. */
export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');

/** Injection token of the TypeORM DataSource (migrated at start-up). */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
