/**
 * The server entry from Node against the emulator, in-process: what a regular web app's backend and a native
 * app do for the first factor. The second factor: ./mfa-against-emulator.test.ts.
 */
import { describe, expect, test } from 'vitest'
import { NATIVE, WEB, WEB_SECRET, lastMessage, wrongCode } from '../emulator/helpers'
import { createServerClient } from '../../src/server/index'
import { PERSON_IP, refusal, tenant } from './emulator-tenant'

describe('a regular web app’s backend, with its secret', () => {
  test('starts by email and by SMS with the secret and the person’s address in auth0-forwarded-for', async () => {
    const h = tenant()
    const client = h.client()
    const email = await client.passwordlessStart({
      connection: 'email',
      send: 'code',
      email: 'ada@example.com',
      forwardedFor: PERSON_IP,
    })
    expect(email).toMatchObject({ connection: 'email', send: 'code', email: 'ada@example.com' })
    const sms = await client.passwordlessStart({
      connection: 'sms',
      phoneNumber: '+15555550123',
      forwardedFor: '2001:db8::7',
    })
    expect(sms).toMatchObject({ connection: 'sms', send: 'code', phoneNumber: '+15555550123' })
    expect(
      h.sent.map(({ body, headers }) => [body?.['client_secret'], headers.get('auth0-forwarded-for')]),
    ).toEqual([
      [WEB_SECRET, PERSON_IP],
      [WEB_SECRET, '2001:db8::7'],
    ])
    // The tenant counted the people, not the backend: its logs carry their addresses.
    expect(h.emulator.logs.search('type:cs').map((entry) => entry.ip)).toEqual(['2001:db8::7', PERSON_IP])
    expect(lastMessage(h, '+15555550123').code).toMatch(/^\d{6}$/)
  })

  test('the OTP grant answers tokens with the ID token verified and its claims', async () => {
    const h = tenant()
    const client = h.client()
    await client.passwordlessStart({ connection: 'email', send: 'code', email: 'ada@example.com' })
    const tokens = await client.loginWithOtp({
      connection: 'email',
      email: 'ada@example.com',
      code: lastMessage(h, 'ada@example.com').code,
      forwardedFor: PERSON_IP,
    })
    expect(tokens).toMatchObject({
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      idToken: expect.any(String),
    })
    expect(tokens.idTokenPayload).toMatchObject({
      iss: `${h.emulator.issuer}/`,
      aud: WEB,
      email: 'ada@example.com',
      sub: expect.stringMatching(/^email\|/),
    })
    expect(h.sent.at(-1)?.body).toMatchObject({
      grant_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
      client_secret: WEB_SECRET,
      realm: 'email',
    })
  })

  test('an ID token that does not verify is refused (invalid_token), however good the rest', async () => {
    const h = tenant()
    const tampering: typeof fetch = async (input, init) => {
      const response = await h.emulator.fetch(new Request(input, init))
      if (!String(new Request(input, init).url).endsWith('/oauth/token') || !response.ok) return response
      const body = (await response.json()) as { id_token: string }
      const [header, payload, signature] = body.id_token.split('.')
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>
      const forged = Buffer.from(JSON.stringify({ ...claims, email: 'eve@example.com' })).toString(
        'base64url',
      )
      return Response.json({ ...body, id_token: `${header}.${forged}.${signature}` })
    }
    const client = createServerClient({ domain: h.emulator.issuer, clientId: NATIVE, fetch: tampering })
    await client.passwordlessStart({ connection: 'email', send: 'code', email: 'ada@example.com' })
    const error = await refusal(
      client.loginWithOtp({
        connection: 'email',
        email: 'ada@example.com',
        code: lastMessage(h, 'ada@example.com').code,
      }),
    )
    expect(error.code).toBe('invalid_token')
  })

  test('a wrong code is refused with the server’s code and words that reveal nothing', async () => {
    const h = tenant()
    const client = h.client()
    await client.passwordlessStart({ connection: 'sms', phoneNumber: '+15555550123' })
    const code = wrongCode(lastMessage(h, '+15555550123').code)
    const error = await refusal(client.loginWithOtp({ connection: 'sms', phoneNumber: '+15555550123', code }))
    expect(error).toMatchObject({
      code: 'invalid_grant',
      reason: 'wrong_code',
      message: 'Wrong or expired code.',
    })
  })

  test('without its secret, a regular web app is refused by the tenant', async () => {
    const h = tenant()
    const client = h.client({ secret: false, id: WEB })
    const start = await refusal(
      client.passwordlessStart({ connection: 'email', send: 'code', email: 'ada@example.com' }),
    )
    expect(start).toMatchObject({ code: 'unauthorized_client', statusCode: 403 })
    const grant = await refusal(
      client.loginWithOtp({ connection: 'email', email: 'ada@example.com', code: '123456' }),
    )
    expect(grant).toMatchObject({ code: 'invalid_client', statusCode: 401 })
  })
})

describe('a native app, a public client without a secret (S16)', () => {
  test('completes the OTP grant without a secret, and sends none', async () => {
    const h = tenant()
    const client = h.client({ secret: false })
    await client.passwordlessStart({ connection: 'email', send: 'code', email: 'nat@example.com' })
    const tokens = await client.loginWithOtp({
      connection: 'email',
      email: 'nat@example.com',
      code: lastMessage(h, 'nat@example.com').code,
    })
    expect(tokens.idTokenPayload).toMatchObject({ aud: NATIVE, email: 'nat@example.com' })
    expect(h.sent.every(({ body }) => body === undefined || !('client_secret' in body))).toBe(true)
  })

  test('cannot speak for an address: forwardedFor without a secret is refused before any request', async () => {
    const h = tenant()
    const error = await refusal(
      h
        .client({ secret: false })
        .passwordlessStart({ connection: 'email', email: 'nat@example.com', forwardedFor: PERSON_IP }),
    )
    expect(error).toMatchObject({ code: 'invalid_input', field: 'forwardedFor' })
    expect(h.sent).toEqual([])
  })
})
