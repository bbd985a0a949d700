import { sdkError, WebAuthError, type InputErrorCode } from '../core/errors'
import { assertNotConfidentialKey } from './secret-guard'

/** How deep an input may nest. Options are a few levels deep; `appState` is the app's own JSON data. */
export const MAX_INPUT_DEPTH = 32

/**
 * Whether `value` is a real AbortSignal, of this realm or another (a frame's): the `aborted` getter answers for
 * any signal and throws for anything else, an object that merely claims the tag included. The snapshot keeps
 * a signal as it is (its meaning is its identity, not its properties), and the option rules take it.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  try {
    Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!.call(value)
    return true
  } catch {
    return false
  }
}
// Collections that hold their pairs out of sight of property enumeration. Recognised by their tag rather
// than `instanceof`, so that one built in another realm (an iframe, a popup) is read too.
const keyedCollection = /^\[object (Map|Headers|URLSearchParams|FormData)\]$/

const tagOf = (value: object) => Object.prototype.toString.call(value)

// A Map key may be anything; a String object counts as its text, so `new String('client_secret')` is
// caught like the primitive.
function keyText(key: unknown): string {
  if (typeof key === 'string') return key
  try {
    return tagOf(Object(key)) === '[object String]' ? String.prototype.valueOf.call(key) : String(key)
  } catch {
    // A key that cannot be turned into text (a null-prototype object): no name to match or report.
    return '[key]'
  }
}

/**
 * Takes one plain copy of a caller's input, reading every property exactly once, and refuses a
 * confidential credential under any key on the way. Everything after the boundary (the other checks,
 * validation, the request) uses this copy only, so an input whose getters or Proxy traps answer
 * differently on each read cannot pass the checks with one value and be sent with another.
 *
 * - Own and inherited enumerable properties are read (`for...in`): a secret planted on a prototype,
 *   `Object.prototype` included, is refused like any other.
 * - Maps, `Headers`, `URLSearchParams` and `FormData` (of any realm) become Maps of this realm.
 * - Functions and `AbortSignal`s are kept as they are; a value with `toJSON` is read as JSON would.
 * - Depth is bounded by {@link MAX_INPUT_DEPTH}; a cycle is refused.
 *
 * @param path - what the input is called in messages, such as `options`
 * @param code - the code of a refusal that is not a secret: `invalid_options` or `invalid_input`
 * @throws WebAuthError `client_secret_in_browser` naming the key and where; `code` for an input that is
 *   circular, too deep, or cannot be read
 */
export function snapshot(value: unknown, path: string, code: InputErrorCode): unknown {
  // `field` is the path from the input itself: `appState.profile` in "options.appState.profile".
  const refuse = (at: string, rule: string, cause?: unknown) =>
    sdkError(code, `"${at}" ${rule}`, { field: at.slice(path.length + 1) || undefined, cause })
  const unreadable = (at: string, cause: unknown) => refuse(at, 'could not be read', cause)
  const ancestors = new Set<object>()
  const copy = (node: unknown, at: string, depth: number): unknown => {
    if (typeof node !== 'object' || node === null) return node
    if (tagOf(node) === '[object AbortSignal]' && isAbortSignal(node)) return node
    if (depth > MAX_INPUT_DEPTH) throw refuse(at, 'is nested too deep')
    if (ancestors.has(node)) throw refuse(at, 'is circular')
    ancestors.add(node)
    try {
      const toJSON = (node as { toJSON?: unknown }).toJSON
      if (typeof toJSON === 'function') return copy(toJSON.call(node), at, depth + 1)
      if (keyedCollection.test(tagOf(node))) {
        const entries = new Map<string, unknown>()
        for (const [entryKey, entryValue] of (node as Map<unknown, unknown>).entries()) {
          const key = keyText(entryKey)
          assertNotConfidentialKey(key, at)
          entries.set(key, copy(entryValue, `${at}.${key}`, depth + 1))
        }
        return entries
      }
      if (Array.isArray(node))
        return Array.from(node, (item, index) => copy(item, `${at}.${index}`, depth + 1))
      const fields: Array<[string, unknown]> = []
      for (const key in node) {
        assertNotConfidentialKey(key, at)
        const field = `${at}.${key}`
        let child: unknown
        try {
          child = (node as Record<string, unknown>)[key]
        } catch (error) {
          throw unreadable(field, error)
        }
        fields.push([key, copy(child, field, depth + 1)])
      }
      // fromEntries defines own properties: a `__proto__` key (JSON.parse makes one) stays data and never
      // becomes the copy's prototype.
      return Object.fromEntries(fields)
    } catch (error) {
      // A Proxy trap that throws, or a collection that cannot be iterated.
      throw error instanceof WebAuthError ? error : unreadable(at, error)
    } finally {
      ancestors.delete(node)
    }
  }
  return copy(value, path, 0)
}
