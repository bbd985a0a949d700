/**
 * The error's types. The SDK's own codes are checked by the compiler: src/ makes its errors through
 * sdkError, typed to the code union, so a misspelt code fails `npm run typecheck`; a server's code enters
 * through serverError, which takes any string. isWebAuthError narrows. These assertions are types:
 * `npm run typecheck` checks them, vitest runs them.
 */
import { describe, expectTypeOf, test } from 'vitest'
import {
  isWebAuthError,
  type CodeRefusalReason,
  type ErrorCode,
  type SdkErrorCode,
  type WebAuthError,
} from '../../src/index'
import { sdkError, serverError, type InputErrorCode } from '../../src/core/errors'

describe('errors (types)', () => {
  test('a misspelt SDK code does not compile', () => {
    const misspelt = () =>
      // @ts-expect-error 'invalid_tokn' is not one of the SDK's codes
      sdkError('invalid_tokn', 'Invalid ID token.')
    expectTypeOf(misspelt).returns.toHaveProperty('code')
    expectTypeOf(sdkError).toBeCallableWith('invalid_token', 'Invalid ID token.')
    // @ts-expect-error a server's code is not an SDK code
    expectTypeOf(sdkError).toBeCallableWith('invalid_grant', 'Refused.')
  })

  test("a server's code enters through serverError, unchecked", () => {
    expectTypeOf(serverError).toBeCallableWith('bad.phone_number', 'Refused.')
  })

  test('SdkErrorCode is exactly the values of ErrorCode', () => {
    expectTypeOf<SdkErrorCode>().toEqualTypeOf<(typeof ErrorCode)[keyof typeof ErrorCode]>()
    expectTypeOf<'invalid_tokn'>().not.toExtend<SdkErrorCode>()
    expectTypeOf<InputErrorCode>().toEqualTypeOf<'invalid_options' | 'invalid_input'>()
  })

  test('isWebAuthError narrows an unknown value to WebAuthError, with its detail typed', () => {
    expectTypeOf(isWebAuthError).guards.toEqualTypeOf<WebAuthError>()
    const caught: unknown = new Error('x')
    if (isWebAuthError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<WebAuthError>()
      expectTypeOf(caught.code).toEqualTypeOf<SdkErrorCode | (string & {})>()
      expectTypeOf(caught.reason).toEqualTypeOf<CodeRefusalReason | undefined>()
      expectTypeOf(caught.field).toEqualTypeOf<string | undefined>()
    } else {
      expectTypeOf(caught).toBeUnknown()
    }
  })
})
