import { describe, expect, test } from 'vitest'
import type { PasswordlessStartOptions } from '../../src/index'
import { fakeServer, json, sentAuthParams } from './support/fake-fetch'
import {
  CLIENT_ID,
  EMAIL,
  PHONE,
  REDIRECT_URI,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
  storedTransactions,
} from './support/fixtures'

const start = (body: (request: { body: unknown }) => void, reply = json(200, {})) =>
  fakeServer({ method: 'POST', path: '/passwordless/start', check: body, reply })

const refused = async (options: Record<string, unknown>, field: string) => {
  const server = fakeServer()
  const { webAuth } = makeWebAuth(server)
  const error = await rejectsWith(
    webAuth.passwordlessStart(options as unknown as PasswordlessStartOptions),
    'invalid_input',
    new RegExp(`"${field}"`),
  )
  expect(error.field).toBe(field)
  expect(server.requests).toHaveLength(0)
  return error
}

describe('passwordlessStart() (S3)', () => {
  test('sends an email code with the documented body', async () => {
    const server = start((request) =>
      expect(request.body).toEqual({
        client_id: CLIENT_ID,
        connection: 'email',
        send: 'code',
        email: EMAIL,
        authParams: { response_type: 'code', scope: 'openid profile email', redirect_uri: REDIRECT_URI },
      }),
    )
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test('sends an SMS code with phone_number', async () => {
    const server = start((request) =>
      expect(request.body).toMatchObject({ connection: 'sms', send: 'code', phone_number: PHONE }),
    )
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'sms', send: 'code', phoneNumber: PHONE })
    expect(server.requests[0]?.body).not.toHaveProperty('email')
  })

  test('sends an SMS code, never a link, when send is absent', async () => {
    const server = start(() => undefined)
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'sms', phoneNumber: PHONE })
    // Links go by email only: "link" with "sms" is what the SDK refuses when it is asked for.
    expect(server.requests[0]?.body).toMatchObject({ connection: 'sms', send: 'code' })
  })

  test('defaults send to link for email, as the API does', async () => {
    stubSessionStorage()
    const server = start((request) =>
      expect(request.body).toMatchObject({ connection: 'email', send: 'link' }),
    )
    const { webAuth } = makeWebAuth(server)
    const result = await webAuth.passwordlessStart({ connection: 'email', email: EMAIL })
    expect(result.send).toBe('link')
  })

  test('resolves with what the server recorded', async () => {
    const server = start(() => undefined, json(200, { _id: 'abc123', email: EMAIL, email_verified: false }))
    const { webAuth } = makeWebAuth(server)
    const result = await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    expect(result).toEqual({ connection: 'email', send: 'code', email: EMAIL, id: 'abc123' })
  })

  test('resolves with the phone number the server recorded', async () => {
    const server = start(() => undefined, json(200, { _id: 'x', phone_number: PHONE }))
    const { webAuth } = makeWebAuth(server)
    const result = await webAuth.passwordlessStart({ connection: 'sms', phoneNumber: PHONE })
    expect(result).toEqual({ connection: 'sms', send: 'code', phoneNumber: PHONE, id: 'x' })
  })

  test('trims leading and trailing spaces of the email', async () => {
    const server = start((request) => expect(request.body).toMatchObject({ email: EMAIL }))
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: `  ${EMAIL}\t ` })
  })

  test('trims leading and trailing spaces of the phone number', async () => {
    const server = start((request) => expect(request.body).toMatchObject({ phone_number: PHONE }))
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'sms', send: 'code', phoneNumber: ` ${PHONE} ` })
  })

  test('passes captcha through', async () => {
    const server = start((request) => expect(request.body).toMatchObject({ captcha: 'answer' }))
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL, captcha: 'answer' })
  })

  test('never sends the auth0-forwarded-for header', async () => {
    const server = start(() => undefined)
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    expect(server.requests[0]?.headers.has('auth0-forwarded-for')).toBe(false)
    expect(server.requests[0]?.headers.get('content-type')).toMatch(/application\/json/)
  })

  describe('refuses invalid input before any request', () => {
    test.each([
      ['connection', { connection: 'google-oauth2', email: EMAIL }],
      ['connection', { email: EMAIL }],
      ['connection', { connection: 'EMAIL', email: EMAIL }],
      ['send', { connection: 'sms', phoneNumber: PHONE, send: 'link' }],
      ['send', { connection: 'email', email: EMAIL, send: 'magic' }],
      ['email', { connection: 'email', send: 'code' }],
      ['email', { connection: 'email', send: 'code', email: 'not-an-email' }],
      ['email', { connection: 'email', send: 'code', email: '   ' }],
      ['email', { connection: 'email', send: 'code', email: 42 }],
      ['phoneNumber', { connection: 'sms', phoneNumber: '5555550123' }],
      ['phoneNumber', { connection: 'sms', phoneNumber: '+05555550123' }],
      ['phoneNumber', { connection: 'sms', phoneNumber: '+1234567890123456' }],
      ['phoneNumber', { connection: 'sms', phoneNumber: '+1 555 555 0123' }],
      ['phoneNumber', { connection: 'sms' }],
      ['authParams', { connection: 'email', send: 'code', email: EMAIL, authParams: 'scope=openid' }],
      ['authParams', { connection: 'email', send: 'code', email: EMAIL, authParams: ['openid'] }],
      ['authParams', { connection: 'email', send: 'code', email: EMAIL, authParams: null }],
      [
        'authParams.scope',
        { connection: 'email', send: 'code', email: EMAIL, authParams: { scope: { a: 1 } } },
      ],
      ['signal', { connection: 'email', send: 'code', email: EMAIL, signal: 'stop' }],
      ['captcha', { connection: 'email', send: 'code', email: EMAIL, captcha: 1 }],
    ])('invalid_input naming "%s" for %j', async (field, options) => {
      await refused(options, field)
    })

    test('an email given for the sms connection, naming "email"', async () => {
      await refused({ connection: 'sms', phoneNumber: PHONE, email: EMAIL }, 'email')
    })

    test('a phone number given for the email connection, naming "phoneNumber"', async () => {
      await refused({ connection: 'email', email: EMAIL, phoneNumber: PHONE }, 'phoneNumber')
    })

    test('a PKCE challenge of the caller in a link start', async () => {
      stubSessionStorage()
      await refused(
        {
          connection: 'email',
          email: EMAIL,
          authParams: { code_challenge: 'x', code_challenge_method: 'plain' },
        },
        'authParams.code_challenge',
      )
    })

    test('options that are not an object, with a message about the options', async () => {
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(
        webAuth.passwordlessStart(null as unknown as PasswordlessStartOptions),
        'invalid_input',
        /\boptions\b/,
      )
    })

    test('refusals do not echo the input value', async () => {
      const error = await refused(
        { connection: 'email', send: 'code', email: 'secret-looking@@value' },
        'email',
      )
      expect(error.message).not.toContain('secret-looking@@value')
    })
  })

  describe('an email link started from an app', () => {
    test('creates a transaction and sends its state, nonce and S256 challenge', async () => {
      const storage = stubSessionStorage()
      const server = start((request) => {
        const authParams = (request.body as { authParams: Record<string, string> }).authParams
        expect(authParams).toMatchObject({
          response_type: 'code',
          redirect_uri: REDIRECT_URI,
          code_challenge_method: 'S256',
        })
        expect(authParams.state).toMatch(/^[A-Za-z0-9_-]{22,}$/)
        expect(authParams.nonce).toMatch(/^[A-Za-z0-9_-]{22,}$/)
        expect(authParams.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
      })
      const { webAuth } = makeWebAuth(server)
      await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
      const sent = sentAuthParams(server.requests[0])
      expect(storedTransactions(storage)).toEqual([
        expect.objectContaining({ state: sent.state, nonce: sent.nonce }),
      ])
    })

    test('leaves no transaction behind when the start fails', async () => {
      const storage = stubSessionStorage()
      const server = start(() => undefined, json(400, { error: 'bad.email', error_description: 'bad' }))
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(webAuth.passwordlessStart({ connection: 'email', email: EMAIL }), 'bad.email')
      expect(storedTransactions(storage)).toEqual([])
    })

    test('creates no transaction for a code', async () => {
      const storage = stubSessionStorage()
      const server = start((request) => expect(request.body).not.toHaveProperty('authParams.state'))
      const { webAuth } = makeWebAuth(server)
      await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
      expect(storedTransactions(storage)).toEqual([])
    })
  })

  test('refuses an invalid returnTo before any request', async () => {
    await refused({ connection: 'email', email: EMAIL, returnTo: 'https://evil.example/' }, 'returnTo')
  })
})
