/**
 * The server entry's option types are written by hand (src/server/types.ts); these assertions pin each one to
 * the schema that validates it (src/server/schemas.ts), as test/types/public-types.test.ts does for the
 * browser entry, so a field changed on one side only fails `npm run typecheck`.
 */
import { describe, expectTypeOf, test } from 'vitest'
import type {
  ExchangeCodeOptions,
  LoginWithOtpOptions,
  MfaChallengeOptions,
  MfaVerifyOptions,
  ServerClientOptions,
  ServerStartOptions,
} from '../../src/server/index'
import type {
  challengeSchema,
  exchangeCodeSchema,
  otpLoginSchemas,
  serverOptionsSchema,
  serverStartSchemas,
  verifySchemas,
} from '../../src/server/schemas'
import type { Accepted, Comparable } from '../types/comparable'

type Start = ReturnType<typeof serverStartSchemas>
type Login = ReturnType<typeof otpLoginSchemas>
type Verify = ReturnType<typeof verifySchemas>

describe('the server entry’s option types match their schemas', () => {
  test('ServerClientOptions', () => {
    expectTypeOf<Comparable<ServerClientOptions>>().toEqualTypeOf<
      Accepted<ReturnType<typeof serverOptionsSchema>>
    >()
  })

  test('ServerStartOptions and LoginWithOtpOptions, per connection', () => {
    expectTypeOf<Comparable<Extract<ServerStartOptions, { connection: 'email' }>>>().toEqualTypeOf<
      Accepted<Start['email']>
    >()
    expectTypeOf<Comparable<Extract<ServerStartOptions, { connection: 'sms' }>>>().toEqualTypeOf<
      Accepted<Start['sms']>
    >()
    expectTypeOf<Comparable<Extract<LoginWithOtpOptions, { connection: 'email' }>>>().toEqualTypeOf<
      Accepted<Login['email']>
    >()
    expectTypeOf<Comparable<Extract<LoginWithOtpOptions, { connection: 'sms' }>>>().toEqualTypeOf<
      Accepted<Login['sms']>
    >()
  })

  test('ExchangeCodeOptions and MfaChallengeOptions', () => {
    expectTypeOf<Comparable<ExchangeCodeOptions>>().toEqualTypeOf<
      Accepted<ReturnType<typeof exchangeCodeSchema>>
    >()
    expectTypeOf<Comparable<MfaChallengeOptions>>().toEqualTypeOf<
      Accepted<ReturnType<typeof challengeSchema>>
    >()
  })

  test('MfaVerifyOptions, per factor', () => {
    expectTypeOf<Comparable<Extract<MfaVerifyOptions, { otp: string }>>>().toEqualTypeOf<
      Accepted<Verify['otp']>
    >()
    expectTypeOf<Comparable<Extract<MfaVerifyOptions, { oobCode: string }>>>().toEqualTypeOf<
      Accepted<Verify['oobCode']>
    >()
    expectTypeOf<Comparable<Extract<MfaVerifyOptions, { recoveryCode: string }>>>().toEqualTypeOf<
      Accepted<Verify['recoveryCode']>
    >()
  })
})
