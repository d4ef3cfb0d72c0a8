// A schema built on first use, once per process, for the schemas the domain exports.
//
// The worker shares the domain's modules across every workflow of its V8 context (see
// libs/definitions/src/workflow-bundle.ts): they are evaluated once and what they export is deep-frozen. A zod 4
// schema cannot be frozen: it installs its methods and derived internals on itself on first use, so
// a frozen schema throws "Cannot define property ... object is not extensible". An exported schema is
// therefore a stand-in that looks already frozen (nothing to freeze: its target is an empty frozen
// object) and forwards every read to the real schema, built the first time it is used, after the
// freeze. One schema per process, as before; nothing about parsing changes.

/** A frozen, empty target: `Object.isFrozen` on the stand-in is true, so no freeze reaches the schema. */
const FROZEN_TARGET: object = Object.freeze(Object.create(null) as object);

/**
 * `build()`'s schema, built on first use. Reads (`schema.safeParse`, `schema.extend`, `'_zod' in
 * schema`, `schema instanceof z.ZodType`) reach the real schema; the stand-in has no own keys, so
 * spread or `Object.keys` on it see nothing (no code does either to a schema).
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const real = (): T => (schema ??= build());
  return new Proxy(FROZEN_TARGET, {
    get: (_target, key) => Reflect.get(real(), key) as unknown,
    has: (_target, key) => Reflect.has(real(), key),
  }) as T;
}
