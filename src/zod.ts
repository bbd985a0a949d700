import * as z from 'zod/mini'

// zod probes `new Function('')` when it builds its first object schema, to decide whether
// it may compile fast parsers. Under a strict Content-Security-Policy that probe is
// reported as a violation even though zod catches the error (S13), so the SDK turns the
// compiler off before building any schema. Every module that builds a schema imports
// `z` from here, which orders this call first.
z.config({ jitless: true })

export { z }

/** A check that the value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A non-empty string after trimming. */
export const text = z.string().check(z.trim(), z.regex(/\S/, { error: 'must not be empty' }))

/** A string that matches `pattern` after trimming, with the rule in words. */
export function trimmedMatching(pattern: RegExp, rule: string) {
  return z.string().check(z.trim(), z.regex(pattern, { error: rule }))
}

/** A value accepted by `test`, described by `rule` when refused. */
export function satisfying<T>(test: (value: unknown) => boolean, rule: string) {
  return z.custom<T>(test, { error: rule })
}

/** An object of authorize parameters; its values are checked where it is converted to the wire. */
export const paramsObject = satisfying<Record<string, string | number | boolean>>(
  isPlainObject,
  'must be an object',
)
