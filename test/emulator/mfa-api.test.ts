/**
 * The MFA API after `mfa_required`: what the first factor answers, `GET /mfa/authenticators`,
 * `POST /mfa/challenge`, and the `mfa_token` that all of them take (E23), in the shapes of Auth0's reference.
 */
import { describe, expect, test } from 'vitest'
import { loadTenant } from '../../demo/server/tenant'
import { NATIVE, WEB, WEB_SECRET, basic, setup, verifyIdToken } from './helpers'
import {
  MFA_EMAIL,
  MFA_PHONE,
  RECOVERY_CODE,
  authenticatorId,
  challenge,
  currentTotp,
  firstFactor,
  mfaGrant,
  otpFirstStep,
} from './mfa-helpers'

const web = { client_id: WEB, client_secret: WEB_SECRET }

describe('mfa_required', () => {
  test('an enrolled user gets an mfa_token and the factors to challenge, in the order of Auth0’s example', async () => {
    const h = setup()
    const body = await firstFactor(h)
    expect(body.mfa_token).toMatch(/^[\w-]{40,}$/)
    expect(body.mfa_requirements).toEqual({
      challenge: [
        { type: 'otp' },
        { type: 'push-notification' },
        { type: 'phone' },
        { type: 'recovery-code' },
      ],
    })
  })

  test('a user who must pass MFA with nothing enrolled is asked to enroll', async () => {
    const h = setup()
    const response = await otpFirstStep(h, { connection: 'sms', identity: '+15555550100' })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({
      error: 'mfa_required',
      mfa_requirements: { enroll: [{ type: 'otp' }] },
    })
  })
})

describe('enrolled factors in tenant.json', () => {
  test('a mistyped factor stops the emulator, naming it', () => {
    const users = (mfa: Record<string, string>) => ({ users: [{ email: 'x@example.com', mfa }] })
    expect(() => loadTenant(users({ totpSecret: 'not base32!' }))).toThrow(
      /base32[\s\S]*users\[0\]\.mfa\.totpSecret/,
    )
    expect(() => loadTenant(users({ smsPhoneNumber: '5555550142' }))).toThrow(/E\.164[\s\S]*smsPhoneNumber/)
    expect(() => loadTenant(users({ recoveryCode: 'short' }))).toThrow(/recoveryCode/)
    expect(() => loadTenant(users({ pushToken: 'x' }))).toThrow(/pushToken/)
  })

  test('a user seeded with only a recovery code is asked for it alone', async () => {
    const h = setup({ tenant: { users: [{ email: MFA_EMAIL, mfa: { recoveryCode: RECOVERY_CODE } }] } })
    expect((await firstFactor(h)).mfa_requirements).toEqual({ challenge: [{ type: 'recovery-code' }] })
  })
})

describe('the outbox page’s emulator aid', () => {
  test('shows the code the demo user’s authenticator app shows now, marked as the emulator’s', async () => {
    const h = setup()
    await firstFactor(h)
    const page = await (await h.get('/__emulator/outbox.html')).text()
    expect(page).toContain(`<code class="totp">${currentTotp(h)}</code>`)
    expect(page).toContain('Emulator aid: a real tenant never shows these.')
    const aid = (await (await h.get('/__emulator/mfa')).json()) as { notice: string; users: unknown[] }
    expect(aid.notice).toMatch(/^Emulator only/)
    expect(aid.users).toEqual([
      {
        identity: MFA_EMAIL,
        userId: expect.stringMatching(/^email\|/),
        totp: { code: currentTotp(h), secondsLeft: 30 },
        recoveryCode: RECOVERY_CODE,
      },
    ])
  })
})

test('a page on another origin cannot answer a push for the person (the emulator’s same-origin writes)', async () => {
  const h = setup()
  const refused = await h.post(
    '/__emulator/mfa/push',
    { oobCode: 'anything', approve: true },
    { origin: 'http://localhost:4401' },
  )
  expect(refused.status).toBe(403)
  expect(await refused.json()).toMatchObject({ error: 'forbidden_origin' })
})

describe('GET /mfa/authenticators', () => {
  test('lists the enrolled factors with the mfa_token as bearer token, the phone number masked', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const response = await h.get('/mfa/authenticators', { authorization: `Bearer ${mfa_token}` })
    expect(response.status).toBe(200)
    const list = (await response.json()) as Array<Record<string, unknown>>
    expect(list.map(({ id, ...rest }) => [String(id).split('|')[0], rest])).toEqual([
      ['recovery-code', { type: 'recovery-code', authenticator_type: 'recovery-code', active: true }],
      ['totp', { type: 'otp', authenticator_type: 'otp', active: true }],
      [
        'sms',
        { type: 'phone', authenticator_type: 'oob', active: true, oob_channel: 'sms', name: '+X XXXX0142' },
      ],
      [
        'push',
        {
          type: 'push-notification',
          authenticator_type: 'oob',
          active: true,
          oob_channel: 'auth0',
          name: 'Demo phone',
        },
      ],
    ])
    expect(JSON.stringify(list)).not.toContain(MFA_PHONE)
  })

  test('refuses a missing, unknown or expired bearer token with 401 invalid_token (RFC 6750)', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const missing = await h.get('/mfa/authenticators')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/)
    expect(await missing.json()).toMatchObject({ error: 'invalid_token' })
    const unknown = await h.get('/mfa/authenticators', { authorization: `Bearer ${mfa_token}x` })
    expect(await unknown.json()).toMatchObject({
      error: 'invalid_token',
      error_description: 'Malformed mfa_token',
    })
    h.clock.now += 600_000
    const expired = await h.get('/mfa/authenticators', { authorization: `Bearer ${mfa_token}` })
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ error_description: 'mfa_token is expired' })
  })
})

describe('POST /mfa/challenge', () => {
  test('an otp challenge sends nothing and answers challenge_type otp', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const sent = h.emulator.outbox.list().length
    expect(await challenge(h, { mfa_token, challenge_type: 'otp' })).toEqual({
      status: 200,
      body: { challenge_type: 'otp' },
    })
    expect(h.emulator.outbox.list()).toHaveLength(sent)
  })

  test('an oob challenge of the SMS authenticator texts a code to the outbox and asks for it (binding_method prompt)', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const sms = await authenticatorId(h, mfa_token, 'sms')
    const answer = await challenge(h, { mfa_token, challenge_type: 'oob', authenticator_id: sms })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      challenge_type: 'oob',
      oob_code: expect.any(String),
      binding_method: 'prompt',
    })
    const message = h.emulator.outbox.list(MFA_PHONE)[0]
    expect(message).toMatchObject({ channel: 'sms', kind: 'mfa', clientId: NATIVE })
    expect(message?.code).toMatch(/^\d{6}$/)
    expect(message?.text).toBe(`Your verification code is ${message?.code}`)
  })

  test('refuses an unknown challenge type, an unknown authenticator, and a recovery code', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    expect(await challenge(h, { mfa_token, challenge_type: 'email' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_challenge_type' },
    })
    expect(
      await challenge(h, { mfa_token, challenge_type: 'oob', authenticator_id: 'sms|dev_nope' }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Unknown authenticator_id' },
    })
    const recovery = await authenticatorId(h, mfa_token, 'recovery-code')
    expect(
      await challenge(h, { mfa_token, challenge_type: 'oob', authenticator_id: recovery }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
  })

  test('authenticates the client as /oauth/token does: a regular web app without its secret is refused', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h, web)
    expect(await challenge(h, { mfa_token, challenge_type: 'otp' }, { client_id: WEB })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    })
    expect((await challenge(h, { mfa_token, challenge_type: 'otp' }, web)).status).toBe(200)
  })

  test('takes the client from HTTP Basic as /oauth/token does, and honours its auth0-forwarded-for in the log', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h, web)
    const sms = await authenticatorId(h, mfa_token, 'sms')
    const params = { mfa_token, challenge_type: 'oob', authenticator_id: sms }
    const headers = { ...basic(WEB, WEB_SECRET), 'auth0-forwarded-for': '203.0.113.80' }
    expect((await challenge(h, params, { client_id: WEB }, basic(WEB, 'wrong'))).status).toBe(401)
    const answer = await h.post('/mfa/challenge', params, headers)
    expect(answer.status).toBe(200)
    expect(h.emulator.logs.search('type:gd_send_sms')).toEqual([
      expect.objectContaining({ client_id: WEB, ip: '203.0.113.80' }),
    ])
  })
})

describe('E23: the mfa_token is bound to its user and client, expires, and completes one login', () => {
  test('another client cannot use it, at the challenge or at the token endpoint', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    expect(await challenge(h, { mfa_token, challenge_type: 'otp' }, web)).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'mfa_token not issued to this client' },
    })
    expect(await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) }, web)).toMatchObject({ status: 400 })
    // The refusal did not spend the token: its own client still completes the login.
    expect((await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) })).status).toBe(200)
  })

  test('the tokens are issued for the user of the first factor, with its scope', async () => {
    const h = setup()
    const first = await otpFirstStep(h, { extra: { scope: 'openid email' } })
    const { mfa_token } = (await first.json()) as { mfa_token: string }
    const { body } = await mfaGrant(h, 'recovery', { mfa_token, recovery_code: RECOVERY_CODE })
    expect(body).toMatchObject({ scope: 'openid email', token_type: 'Bearer' })
    expect(await verifyIdToken(h, String(body['id_token']), NATIVE)).toMatchObject({ email: MFA_EMAIL })
  })

  test('expires after ten minutes (expired_token) and is used up by the login it completes', async () => {
    const h = setup()
    const late = await firstFactor(h)
    h.clock.now += 600_000
    expect(await mfaGrant(h, 'otp', { mfa_token: late.mfa_token, otp: currentTotp(h) })).toMatchObject({
      status: 403,
      body: { error: 'expired_token', error_description: 'mfa_token is expired' },
    })
    const { mfa_token } = await firstFactor(h)
    expect((await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) })).status).toBe(200)
    h.clock.now += 30_000
    expect(await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) })).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'mfa_token has already been used' },
    })
    expect(await mfaGrant(h, 'otp', { otp: currentTotp(h) })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: mfa_token' },
    })
  })
})
