/**
 * Types that put a hand-written public type and what a zod/mini schema accepts in one comparable form, for the
 * tests that pin each to the other (public-types.test.ts, and the server entry's in test/server/).
 */
import type { z } from '../../src/input/field-rules'

/** A key that is named, not an index signature's. */
export type NamedKey<K> = string extends K ? never : number extends K ? never : K

/** What an object takes besides its named keys: its index signature's type, or `never` for none. */
export type OtherFields<T> = string extends keyof T ? T[string] : never

/**
 * `T` in a form that two spellings of one type share: each named key with `undefined` left out of its type
 * (which keys are optional is kept), nested records alike, and what the object takes besides them under
 * `(other fields)`: `unknown` for a config that allows any, `never` for options that allow none.
 */
export type Comparable<T> = {
  [K in keyof T as NamedKey<K>]: Normalized<Exclude<T[K], undefined>>
} & { '(other fields)': Normalized<OtherFields<T>> }

export type Normalized<V> = V extends (...args: never) => unknown
  ? V
  : V extends Record<string, unknown>
    ? Comparable<V>
    : V

/** What a schema accepts, comparable with a hand-written type. */
export type Accepted<Schema extends z.ZodMiniType> = Comparable<z.input<Schema>>
