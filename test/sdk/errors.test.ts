import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import { ErrorCode, WebAuthError, isWebAuthError } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import { EMAIL, makeWebAuth, rejectsWith } from './support/fixtures'

describe('WebAuthError', () => {
  test('carries code, description, statusCode, retryAfter and cause', () => {
    const cause = new Error('root')
    const error = new WebAuthError('too_many_requests', 'Too many requests.', {
      statusCode: 429,
      retryAfter: 3,
      cause,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('WebAuthError')
    expect(error.code).toBe('too_many_requests')
    expect(error.description).toBe('Too many requests.')
    expect(error.message).toBe('Too many requests.')
    expect(error.statusCode).toBe(429)
    expect(error.retryAfter).toBe(3)
    expect(error.cause).toBe(cause)
  })

  test('carries field, claim and reason', () => {
    const error = new WebAuthError('invalid_input', '"email" is required', { field: 'email' })
    expect(error.field).toBe('email')
    expect(new WebAuthError('invalid_token', 'x', { claim: 'aud' }).claim).toBe('aud')
    expect(new WebAuthError('access_denied', 'x', { reason: 'expired_code' }).reason).toBe('expired_code')
    expect(error.claim).toBeUndefined()
    expect(error.reason).toBeUndefined()
  })

  test('has no statusCode or retryAfter when there are none', () => {
    const error = new WebAuthError(ErrorCode.InvalidInput, '"email" is required')
    expect(error.statusCode).toBeUndefined()
    expect(error.retryAfter).toBeUndefined()
    expect(error.cause).toBeUndefined()
  })

  test('ErrorCode lists the SDK codes of the design', () => {
    expect(Object.values(ErrorCode)).toEqual(
      expect.arrayContaining([
        'invalid_options',
        'invalid_input',
        'client_secret_in_browser',
        'network_error',
        'timeout',
        'too_many_requests',
        'state_mismatch',
        'missing_transaction',
        'nonce_mismatch',
        'invalid_token',
      ]),
    )
  })
})

describe('isWebAuthError()', () => {
  test('is true for a WebAuthError', () => {
    expect(isWebAuthError(new WebAuthError('x', 'y'))).toBe(true)
  })

  test('is true for an error from another realm carrying the brand', () => {
    const foreign: unknown = vm.runInNewContext(`
      const error = new Error('from another realm')
      Object.defineProperty(error, Symbol.for('passwordless-webauth.WebAuthError'), { value: true })
      error.code = 'timeout'
      error
    `)
    expect(foreign instanceof Error).toBe(false)
    expect(isWebAuthError(foreign)).toBe(true)
  })

  test('is true for a plain object carrying the brand', () => {
    expect(isWebAuthError({ [Symbol.for('passwordless-webauth.WebAuthError')]: true, code: 'x' })).toBe(true)
  })

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'WebAuthError'],
    ['a plain Error', new Error('x')],
    ['an Error named WebAuthError', Object.assign(new Error('x'), { name: 'WebAuthError', code: 'timeout' })],
    ['an object with a code', { code: 'timeout', description: 'x' }],
    ['an object whose brand is not true', { [Symbol.for('passwordless-webauth.WebAuthError')]: 'yes' }],
    [
      'an object with a local symbol of the same name',
      { [Symbol('passwordless-webauth.WebAuthError')]: true },
    ],
  ])('is false for %s', (_what, value) => {
    expect(isWebAuthError(value)).toBe(false)
  })
})

describe('failures funnel into WebAuthError', () => {
  test('an exception thrown by navigate becomes unexpected_error with the cause', async () => {
    const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
    const boom = new Error('navigation blocked')
    const { webAuth } = makeWebAuth(server, {
      hostedPage: true,
      navigate: () => {
        throw boom
      },
    })
    const error = await rejectsWith(
      webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' }),
      'unexpected_error',
    )
    expect(error.cause).toBe(boom)
    expect(error.message).not.toContain('123456')
  })

  test('a fetch that throws a non-Error value still gives a WebAuthError', async () => {
    const { webAuth } = makeWebAuth({
      fetch: (() => Promise.reject('weird')) as unknown as typeof fetch,
    } as never)
    const error = await webAuth
      .passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
      .catch((e: unknown) => e)
    expect(isWebAuthError(error)).toBe(true)
  })
})
