type DefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T]
type OptionalKeys<T> = Exclude<keyof T, DefinedKeys<T>>

/** `T` with every property that may be `undefined` made optional instead (for `exactOptionalPropertyTypes`). */
export type Compact<T> = { [K in DefinedKeys<T>]: T[K] } & {
  [K in OptionalKeys<T>]?: Exclude<T[K], undefined>
}

/**
 * A copy of `value` without its `undefined` properties, so results and request bodies
 * carry only what is known. One call instead of a `...(x === undefined ? {} : { x })`
 * spread per property.
 */
export function compact<T extends object>(value: T): Compact<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Compact<T>
}
