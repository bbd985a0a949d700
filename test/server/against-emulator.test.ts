/**
 * The server entry from Node against the emulator, in-process (its fetch handler as the client's `fetch`):
 * what a regular web app's backend and a native app do, from the first factor to the second.
 */
import { describe, expect, test } from 'vitest'
import { NATIVE, WEB, WEB_SECRET, lastMessage, setup, wrongCode } from '../emulator/helpers'
import type { Harness } from '../emulator/helpers'
import { MFA_EMAIL, MFA_PHONE, RECOVERY_CODE, currentTotp } from '../emulator/mfa-helpers'
import { createServerClient, isMfaRequired, isWebAuthError } from '../../src/server/index'
import type { MfaRequiredError, ServerClient } from '../../src/server/index'

const PERSON_IP = '203.0.113.7'

interface Sent {
  url: string
  headers: Headers
  body: Record<string, unknown> | undefined
}

/** The emulator at the real time (ID tokens are checked against the clock), and the requests a client made. */
function tenant(): Harness & {
  sent: Sent[]
  client: (options?: { secret?: boolean; id?: string }) => ServerClient
} {
  const h = setup()
  h.clock.now = Date.now()
  const sent: Sent[] = []
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.clone().text()
    sent.push({ url: request.url, headers: request.headers, body: text ? JSON.parse(text) : undefined })
    return h.emulator.fetch(request)
  }
  const client = ({ secret = true, id }: { secret?: boolean; id?: string } = {}) =>
    createServerClient({
      domain: h.emulator.issuer,
      clientId: id ?? (secret ? WEB : NATIVE),
      ...(secret && { clientSecret: WEB_SECRET }),
      fetch: recording,
    })
  return Object.assign(h, { sent, client })
}

/** Runs `call`, which must fail, and answers its error. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!isWebAuthError(error)) throw new Error(`expected a WebAuthError, got ${String(error)}`)
  return error
}

/** Signs the MFA user in with an email code and answers the `mfa_required` error. */
async function firstFactor(h: ReturnType<typeof tenant>, client: ServerClient): Promise<MfaRequiredError> {
  await client.passwordlessStart({ connection: 'email', send: 'code', email: MFA_EMAIL })
  const error = await refusal(
    client.loginWithOtp({ connection: 'email', email: MFA_EMAIL, code: lastMessage(h, MFA_EMAIL).code }),
  )
  if (!isMfaRequired(error)) throw new Error(`expected mfa_required, got ${error.code}`)
  return error
}

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

describe('a login that needs a second factor (S17)', () => {
  test('mfa_required carries the MFA token (not enumerable) and the factors; the list names them', async () => {
    const h = tenant()
    const client = h.client()
    const error = await firstFactor(h, client)
    expect(error.mfaToken).toMatch(/^[\w-]{40,}$/)
    expect(Object.keys(error)).not.toContain('mfaToken')
    expect(error.mfaRequirements.challenge?.map(({ type }) => type)).toEqual([
      'otp',
      'push-notification',
      'phone',
      'recovery-code',
    ])
    const list = await client.mfa.listAuthenticators(error.mfaToken)
    expect(list.map(({ authenticatorType, oobChannel }) => [authenticatorType, oobChannel])).toEqual([
      ['recovery-code', undefined],
      ['otp', undefined],
      ['oob', 'sms'],
      ['oob', 'auth0'],
    ])
    expect(list[2]?.name).toBe('+X XXXX0142')
  })

  test('completes with a TOTP code, refusing a wrong one first', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    expect(await client.mfa.challenge({ mfaToken, challengeType: 'otp' })).toEqual({ challengeType: 'otp' })
    const wrong = await refusal(
      client.mfa.verify({ mfaToken, otp: wrongCode(currentTotp(h)), forwardedFor: PERSON_IP }),
    )
    expect(wrong).toMatchObject({
      code: 'invalid_grant',
      reason: 'wrong_code',
      message: 'Wrong or expired code.',
    })
    const tokens = await client.mfa.verify({ mfaToken, otp: currentTotp(h), forwardedFor: PERSON_IP })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL, aud: WEB })
    expect(h.sent.at(-1)?.body).toMatchObject({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_secret: WEB_SECRET,
    })
  })

  test('completes with the SMS code the challenge sent to the outbox', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    const sms = (await client.mfa.listAuthenticators(mfaToken)).find((item) => item.oobChannel === 'sms')
    const challenge = await client.mfa.challenge({
      mfaToken,
      challengeType: 'oob',
      authenticatorId: sms?.id ?? '',
    })
    expect(challenge).toEqual({ challengeType: 'oob', oobCode: expect.any(String), bindingMethod: 'prompt' })
    const tokens = await client.mfa.verify({
      mfaToken,
      oobCode: challenge.oobCode ?? '',
      bindingCode: lastMessage(h, MFA_PHONE).code,
    })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL })
  })

  test('completes with a recovery code, which is then used up; the answer carries the new one', async () => {
    const h = tenant()
    const native = h.client({ secret: false })
    const first = await firstFactor(h, native)
    const tokens = await native.mfa.verify({ mfaToken: first.mfaToken, recoveryCode: RECOVERY_CODE })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL, aud: NATIVE })
    expect(tokens.recoveryCode).toMatch(/^[A-Z2-9]{24}$/)
    const second = await firstFactor(h, native)
    const reused = await refusal(
      native.mfa.verify({ mfaToken: second.mfaToken, recoveryCode: RECOVERY_CODE }),
    )
    expect(reused).toMatchObject({ code: 'invalid_grant', reason: 'wrong_code' })
    const next = await native.mfa.verify({
      mfaToken: second.mfaToken,
      recoveryCode: tokens.recoveryCode ?? '',
    })
    expect(next.recoveryCode).not.toBe(tokens.recoveryCode)
  })

  test('a push not yet answered is authorization_pending, then too_many_requests when polled too soon', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    const push = (await client.mfa.listAuthenticators(mfaToken)).find((item) => item.oobChannel === 'auth0')
    const { oobCode = '' } = await client.mfa.challenge({
      mfaToken,
      challengeType: 'oob',
      authenticatorId: push?.id ?? '',
    })
    expect(await refusal(client.mfa.verify({ mfaToken, oobCode }))).toMatchObject({
      code: 'authorization_pending',
    })
    expect(await refusal(client.mfa.verify({ mfaToken, oobCode }))).toMatchObject({
      code: 'too_many_requests',
      retryAfter: 5,
    })
  })

  test('an expired MFA token is refused with the server’s code', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    h.clock.now += 600_000
    expect(await refusal(client.mfa.listAuthenticators(mfaToken))).toMatchObject({
      code: 'invalid_token',
      statusCode: 401,
    })
    expect(await refusal(client.mfa.verify({ mfaToken, otp: currentTotp(h) }))).toMatchObject({
      code: 'expired_token',
    })
  })
})
