/**
 * Set (to true) by the web app's build (`define` in packages/web/vite.config.ts); absent on the
 * server and in tests.
 */
declare const __CONFIDE_LAZY_SCHEMAS__: boolean | undefined;
const deferred = typeof __CONFIDE_LAZY_SCHEMAS__ !== 'undefined' && __CONFIDE_LAZY_SCHEMAS__;

/**
 * A schema of the contract. In the web app it is built the first time anything touches it, then
 * kept: importing the contract builds nothing, so a page constructs only the schemas it parses
 * with, when it parses — not every schema of the API before its first paint (about a fifth of a
 * second at mobile CPU speed). The value stands in for the schema everywhere the app uses one —
 * `.parse`, `.extend`, `.shape`, `instanceof`, as a member of other schemas, `z.infer` — by
 * forwarding to it.
 *
 * Everywhere else (the server, tests) it is the schema itself, built at once: JSON-schema
 * generation (OpenAPI, the user-text walker) keys its work by object identity, and zod's
 * internals refer to the real schema, not to a stand-in.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends object>(build: () => T): T {
  if (!deferred) return build();
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // Every operation on the stand-in is the schema's own; descriptors are reported configurable
  // because the (empty) proxy target does not hold them.
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
