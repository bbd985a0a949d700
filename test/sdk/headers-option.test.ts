import { describe, expect, test } from 'vitest'
import { WebAuth, type WebAuthOptions } from '../../src/index'
import { CLIENT_ID, DOMAIN, throwsWith } from './support/fixtures'

// The `headers` option in each of its forms: pairs must be pairs of strings, text is no form at all, and a
// refused header says where it was found (S1).

const construct = (headers: unknown) =>
  new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, headers } as WebAuthOptions)

describe('the headers option', () => {
  test.each([
    ['a pair of three', [['X-A', 'a', 'extra']]],
    ['a two-letter string instead of a pair', ['ab']],
    ['a pair whose name is a number', [[1, 'x']]],
  ])('given as pairs, %s is refused: pairs of strings only', (_what, headers) => {
    const error = throwsWith(
      () => construct(headers),
      'invalid_options',
      /must hold \[name, value\] strings$/,
    )
    expect(error.field).toBe('headers')
  })

  test('given as text, it is refused, not read as characters', () => {
    expect(throwsWith(() => construct('X-A: 1'), 'invalid_options').field).toBe('headers')
  })

  test('a header that carries a secret is refused, naming it and the option', () => {
    throwsWith(
      () => construct({ 'X-Client-Secret': 'x' }),
      'client_secret_in_browser',
      /^"X-Client-Secret" \(in options\.headers\) is a secret/,
    )
  })

  test('auth0-forwarded-for is refused, saying so', () => {
    const error = throwsWith(
      () => construct({ 'Auth0-Forwarded-For': '203.0.113.7' }),
      'invalid_options',
      /must not set auth0-forwarded-for$/,
    )
    expect(error.field).toBe('headers')
  })
})
