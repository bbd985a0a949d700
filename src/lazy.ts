/**
 * Builds a value on first use and keeps it. Schemas are built this way rather than at
 * module load: loading the SDK stays cheap, and a bundler drops the schemas (and the zod
 * calls that build them) of every method an app never calls.
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
