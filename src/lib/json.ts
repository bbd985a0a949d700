// Small helpers for values read from JSON (server answers, stored transactions, token parts) and for the
// objects the SDK writes (request bodies, results).

/** Whether `value` is an object that JSON could have made: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` when it is a string, the empty string included; `undefined` otherwise. */
export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** `expires_in` of a token answer: a number, or digits as some servers send it; `undefined` otherwise. */
export function readExpiresIn(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined
}

/** `value` when it is a string with at least one character; `undefined` otherwise, for `''` too. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

type DefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T]
type OptionalKeys<T> = Exclude<keyof T, DefinedKeys<T>>

/** `T` with every property that may be `undefined` made optional instead (for `exactOptionalPropertyTypes`). */
export type WithoutUndefined<T> = { [K in DefinedKeys<T>]: T[K] } & {
  [K in OptionalKeys<T>]?: Exclude<T[K], undefined>
}

/**
 * A copy of `value` without its `undefined` properties, so results and request bodies
 * carry only what is known. One call instead of a `...(x === undefined ? {} : { x })`
 * spread per property.
 */
export function withoutUndefined<T extends object>(value: T): WithoutUndefined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as WithoutUndefined<T>
}
