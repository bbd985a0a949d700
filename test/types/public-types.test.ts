/**
 * The public option types are written by hand (src/api/types.ts), for people to read; the schemas that
 * validate the options are separate (src/input/). These assertions pin each type to its schema, so a
 * field added, removed, renamed, made optional or retyped on one side only fails `npm run typecheck`.
 *
 * zod writes an optional key as `key?: T | undefined`, ours as `key?: T` (exactOptionalPropertyTypes
 * tells them apart): `Comparable` drops the `undefined` of optional keys on both sides and keeps the rest,
 * optionality included, so the comparison is still exact.
 */
import { describe, expectTypeOf, test } from 'vitest'
import type {
  AuthorizeOptions,
  PasswordlessLoginOptions,
  PasswordlessStartOptions,
  UniversalLoginConfig,
  WebAuthOptions,
} from '../../src/index'
import type { z } from '../../src/input/field-rules'
import type { Accepted, Comparable, NamedKey, OtherFields } from './comparable'
import type { optionsSchema } from '../../src/input/options-schema'
import type { authorizeSchema, loginSchemas, startSchemas } from '../../src/input/passwordless-schemas'
import type { configSchema } from '../../src/input/universal-login'

type StartSchemas = ReturnType<typeof startSchemas>
type LoginSchemas = ReturnType<typeof loginSchemas>
type ConfigSchema = ReturnType<typeof configSchema>

/** `T` without its index signature. */
type NamedOnly<T> = { [K in keyof T as NamedKey<K>]: T[K] }

/** The config's fields that the schema names: those of the config and of its `authorizationServer`. */
type ConfigFields = {
  [K in keyof NamedOnly<UniversalLoginConfig>]: K extends 'authorizationServer'
    ? NamedOnly<NonNullable<UniversalLoginConfig[K]>>
    : UniversalLoginConfig[K]
}

describe('public option types match their schemas', () => {
  test('WebAuthOptions', () => {
    expectTypeOf<Comparable<WebAuthOptions>>().toEqualTypeOf<Accepted<ReturnType<typeof optionsSchema>>>()
  })

  test('PasswordlessStartOptions, per connection', () => {
    expectTypeOf<Comparable<Extract<PasswordlessStartOptions, { connection: 'email' }>>>().toEqualTypeOf<
      Accepted<StartSchemas['email']>
    >()
    expectTypeOf<Comparable<Extract<PasswordlessStartOptions, { connection: 'sms' }>>>().toEqualTypeOf<
      Accepted<StartSchemas['sms']>
    >()
  })

  test('PasswordlessLoginOptions, per connection', () => {
    expectTypeOf<Comparable<Extract<PasswordlessLoginOptions, { connection: 'email' }>>>().toEqualTypeOf<
      Accepted<LoginSchemas['email']>
    >()
    expectTypeOf<Comparable<Extract<PasswordlessLoginOptions, { connection: 'sms' }>>>().toEqualTypeOf<
      Accepted<LoginSchemas['sms']>
    >()
  })

  test('AuthorizeOptions', () => {
    expectTypeOf<Comparable<AuthorizeOptions>>().toEqualTypeOf<Accepted<ReturnType<typeof authorizeSchema>>>()
  })

  test('the connections are exactly those with a schema', () => {
    expectTypeOf<PasswordlessStartOptions['connection']>().toEqualTypeOf<keyof StartSchemas>()
    expectTypeOf<PasswordlessLoginOptions['connection']>().toEqualTypeOf<keyof LoginSchemas>()
  })

  test('UniversalLoginConfig, its nested authorizationServer included', () => {
    expectTypeOf<Comparable<ConfigFields>>().toEqualTypeOf<Accepted<ConfigSchema>>()
  })

  test('a config allows other fields (the schema drops them, as z.object does); options allow none in both', () => {
    expectTypeOf<OtherFields<UniversalLoginConfig>>().toBeUnknown()
    expectTypeOf<OtherFields<NonNullable<UniversalLoginConfig['authorizationServer']>>>().toBeUnknown()
    expectTypeOf<OtherFields<WebAuthOptions>>().toBeNever()
    expectTypeOf<OtherFields<z.input<ReturnType<typeof optionsSchema>>>>().toBeNever()
  })

  test('the comparison tells a missing key, an optional key and a retyped key apart', () => {
    type Reference = { a: string; b?: number }
    expectTypeOf<Comparable<{ a: string; b?: number | undefined }>>().toEqualTypeOf<Comparable<Reference>>()
    expectTypeOf<Comparable<{ a: string }>>().not.toEqualTypeOf<Comparable<Reference>>()
    expectTypeOf<Comparable<{ a?: string; b?: number }>>().not.toEqualTypeOf<Comparable<Reference>>()
    expectTypeOf<Comparable<{ a: string; b?: string }>>().not.toEqualTypeOf<Comparable<Reference>>()
    expectTypeOf<Comparable<{ a: string; b?: number; c?: boolean }>>().not.toEqualTypeOf<
      Comparable<Reference>
    >()
  })
})
