import { describe, expect, test } from 'vitest'
import { fromUniversalLoginConfig, type PasswordlessStartOptions } from '../../src/index'
import { fakeServer } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, EMAIL, makeWebAuth, rejectsWith, throwsWith } from './support/fixtures'

// What a refused input says: a missing field is "required", a wrong one states its rule, an unknown one
// is named with a hint only when a field of ours has that name in camelCase. The same words for the
// Universal Login page's config.

async function startRefused(options: unknown, message: RegExp) {
  const server = fakeServer()
  const { webAuth } = makeWebAuth(server)
  return rejectsWith(webAuth.passwordlessStart(options as PasswordlessStartOptions), 'invalid_input', message)
}

describe('passwordlessStart() input', () => {
  test('a missing field is required', async () => {
    const error = await startRefused({ connection: 'email', send: 'code' }, /^"email" is required$/)
    expect(error.field).toBe('email')
  })

  test('a field given the wrong way states its rule, not that it is required', async () => {
    const error = await startRefused(
      { ...{ connection: 'email', send: 'code' }, email: 42 },
      /^"email" must be a valid email address$/,
    )
    expect(error.field).toBe('email')
  })

  test('an input that is not an object says so, naming no field', async () => {
    const error = await startRefused('person@example.com', /^options must be an object$/)
    expect(error.field).toBeUndefined()
  })

  test('an unknown property without a camelCase twin gets no hint', async () => {
    const error = await startRefused(
      { connection: 'email', send: 'code', email: EMAIL, colour: 'red' },
      /^unknown property "colour" in options$/,
    )
    expect(error.field).toBe('colour')
  })
})

describe('fromUniversalLoginConfig() input', () => {
  const config = { auth0Domain: DOMAIN, clientID: CLIENT_ID }
  const refused = (value: unknown, message: RegExp) =>
    throwsWith(() => fromUniversalLoginConfig(value as typeof config), 'invalid_options', message)

  test('text that is not base64 of JSON is an invalid config, with the decoder’s error as cause', () => {
    const error = refused('not a config', /^Invalid Universal Login config\.$/)
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('a config that is not an object says so', () => {
    refused(42, /^the Universal Login config must be an object$/)
  })

  test('a nested object given as text must be an object', () => {
    expect(
      refused({ ...config, authorizationServer: 'x' }, /^"authorizationServer" must be an object$/).field,
    ).toBe('authorizationServer')
  })

  test('a nested field given the wrong way states its rule, with its full path', () => {
    const error = refused(
      { ...config, authorizationServer: { url: 5 } },
      /^"authorizationServer\.url" must be a string$/,
    )
    expect(error.field).toBe('authorizationServer.url')
  })

  test('a cycle is named from the config down', () => {
    const internalOptions: Record<string, unknown> = {}
    internalOptions.self = internalOptions
    refused({ ...config, internalOptions }, /^"config\.internalOptions\.self" is circular$/)
  })
})
