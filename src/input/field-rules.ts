import * as z from 'zod/mini'
import { isPlainObject } from '../lib/json'
import { lazy } from '../lib/lazy'

// The SDK's field rules: the few zod/mini building blocks every schema is made of.
//
// zod/mini's objects parse without compiling code (unlike classic zod's, which probe the
// Function constructor): the bundles stay within a strict Content-Security-Policy (S13) with
// no global zod setting, which in the ESM build would also change the app's own zod.

export { z }

// Every field is a `z.custom` check with its rule in words, inside `z.strictObject` (or
// `z.object`, which drops the fields it does not name). Deliberate: each further zod/mini
// feature (string, enum, regex, boolean, discriminatedUnion, record, looseObject, ...) adds
// its own code to the UMD bundle, while a predicate costs a few bytes and gives the same
// field-naming error.

/** A value accepted by `test`, described by `rule` when refused. */
export function satisfying<T>(test: (value: unknown) => boolean, rule: string) {
  return z.custom<T>(test, { error: rule })
}

/** A string that matches `pattern` once trimmed; the parsed value is the trimmed string. */
export function trimmedMatching(pattern: RegExp, rule: string) {
  return satisfying<string>((value) => typeof value === 'string' && pattern.test(value.trim()), rule).check(
    z.trim(),
  )
}

/** A non-empty string after trimming. */
export const text = /* @__PURE__ */ lazy(() => trimmedMatching(/\S/, 'must be a non-empty string'))

/** Any string, unchanged. */
export const string = /* @__PURE__ */ lazy(() =>
  satisfying<string>((value) => typeof value === 'string', 'must be a string'),
)

/** `true` or `false`. */
export const boolean = /* @__PURE__ */ lazy(() =>
  satisfying<boolean>((value) => typeof value === 'boolean', 'must be true or false'),
)

/** A function (a callback given by the app). */
export function func<T>() {
  return satisfying<T>((value) => typeof value === 'function', 'must be a function')
}

/** One of `values`, exactly. */
export function oneOf<const T extends string>(values: readonly T[]) {
  return satisfying<T>(
    (value) => values.includes(value as T),
    `must be ${values.map((value) => `"${value}"`).join(' or ')}`,
  )
}

/** An object of authorize parameters; its values are checked where it is converted to the wire. */
export const paramsObject = /* @__PURE__ */ lazy(() =>
  satisfying<Record<string, string | number | boolean>>(isPlainObject, 'must be an object'),
)
