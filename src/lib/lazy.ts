/**
 * Builds a value on first use and keeps it. Schemas are built this way rather than at
 * module load: loading the SDK stays cheap, and a bundler drops the schemas (and the zod
 * calls that build them) of every method an app never calls.
 *
 * Mark each module-level call as pure (the `__PURE__` annotation): esbuild and terser (webpack) cannot see
 * that `lazy` has no side effect, and without the mark they keep every schema, and zod with it,
 * in an app that imports nothing that uses them.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined
  let isBuilt = false
  return () => {
    if (!isBuilt) {
      value = build()
      isBuilt = true
    }
    return value as T
  }
}
