import { toWebAuthError, type WebAuthError } from '../core/errors'
import type { NodeCallback } from './types'

// The error funnel: every public operation ends here, so a caller sees one shape whatever went wrong.

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

/**
 * Takes a Node-style callback off the end of a method's arguments, when the last one is a function:
 * `(callback)`, `(url, callback)` and `(url, options, callback)` leave the arguments before it.
 */
export function popCallback<T>(args: unknown[]): NodeCallback<T> | undefined {
  return typeof args.at(-1) === 'function' ? (args.pop() as NodeCallback<T>) : undefined
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
