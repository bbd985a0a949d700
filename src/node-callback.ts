import { toWebAuthError, type WebAuthError } from './errors'

/** A Node-style callback, as auth0.js takes. */
export type NodeCallback<T> = (error: WebAuthError | null, result?: T) => void

/**
 * Runs a public operation: whatever goes wrong, the Promise rejects with a {@link WebAuthError}.
 */
export async function run<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw toWebAuthError(error)
  }
}

/**
 * Runs an operation for a method that takes an optional callback. Without one, the
 * Promise is returned and rejects with a {@link WebAuthError}. With one, the callback is
 * called instead, exactly once, and nothing rejects; an exception thrown by the callback
 * itself is reported as an uncaught error, not swallowed and not turned into a second call.
 */
export function settle<T>(operation: () => Promise<T>, callback?: NodeCallback<T>): Promise<T> | undefined {
  const promise = run(operation)
  if (!callback) return promise
  promise.then(
    (result) => call(() => callback(null, result)),
    (error: WebAuthError) => call(() => callback(error)),
  )
  return undefined
}

function call(fn: () => void): void {
  try {
    fn()
  } catch (error) {
    setTimeout(() => {
      throw error
    })
  }
}
